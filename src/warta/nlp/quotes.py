"""The `warta_quotes` component: who said what.

Works on character offsets of the Doc, using the entities the
`warta_entities` component found (with their canonical ids and roles):

- **direct**: a quotation followed by a reporting cue (`"...," kata Putin`,
  `"...," ujarnya`, `"...," tambah Presiden`) or preceded by one
  (`Putin mengatakan: "..."`, `seraya menambahkan: "..."`, `Menurut X, "..."`).
  A quotation left open at the end of a paragraph continues into the next
  paragraph when that one opens with a quotation mark.
- **partial**: a quoted phrase inside reported speech (`meminta Kim untuk
  menyampaikan "kata-kata terhangat..."`); its speaker is the speaker of the
  sentence (the attributed quote in it, or its subject). Quoted Title Case
  names (`parade "Hari Kemenangan"`) are names, not quotes.
- **indirect**: `X menyatakan bahwa ...`, `Menurut X, ...`.
- **headline**: a title ending in `: Name`.

Speakers: the entity right after an `after` cue (titles and roles before the
name are skipped: `kata Kepala BPBD Cianjur Asep Suryana`); a pronoun (`ia`,
`dia`, `beliau`) or a `-nya` cue resolves to the last person named outside
quotations; a title alone (`tambah Presiden`) to the person who holds that
role in the article. When none of these applies the speaker is left empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from spacy.language import Language
from spacy.tokens import Doc, Span

from warta.model import Quote
from warta.nlp import extensions

extensions.register("quotes")

PRONOUNS = {"ia", "dia", "beliau"}
OPEN_MARKS = {'"': '"', "“": "”"}
PARTIAL_MAX_WORDS = 25
#: A sentence opening with one of these starts with a subordinate clause.
SUBORDINATE = re.compile(r"\s*(?:saat|ketika|setelah|sebelum|sesudah|usai|seusai|sementara|meski|meskipun|walau|"
                         r"walaupun|jika|kalau|karena|sambil|selama|begitu|sejak|dalam)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Cue:
    text: str
    position: str  # after | before | relay


@cache
def cues() -> tuple[Cue, ...]:
    """Reporting cues from lexicons/reporting_verbs.tsv, longest first."""
    path = resources.files("warta.nlp").joinpath("lexicons", "reporting_verbs.tsv")
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cue, position, _example = line.split("\t")
        found.append(Cue(cue, position))
    return tuple(sorted(found, key=lambda c: -len(c.text)))


def _alternation(position: str) -> str:
    return "|".join(re.escape(c.text) for c in cues() if c.position == position)


@cache
def _patterns() -> dict[str, re.Pattern]:
    return {
        # after the closing mark: optional comma, then the cue as a whole word
        "after": re.compile(rf"[\s,]*(?P<cue>{_alternation('after')})\b", re.IGNORECASE),
        # before the opening mark: the cue, then ':' or ','
        "before": re.compile(rf"\b(?P<cue>{_alternation('before')})\s*[:,]\s*$", re.IGNORECASE),
        "menurut": re.compile(r"\bmenurut\s+(?P<who>[^,]{2,80}),\s*$", re.IGNORECASE),
        "indirect": re.compile(rf"\b(?P<cue>{_alternation('before')})\s+bahwa\s+", re.IGNORECASE),
        "menurut_clause": re.compile(r"^\s*[\"“]?\s*menurut\s+(?P<who>[^,]{2,80}),\s*", re.IGNORECASE),
        "relay": re.compile(rf"\b(?P<cue>{_alternation('relay')})\b(?:\s+(?:oleh|dari))?", re.IGNORECASE),
    }


@dataclass
class _Span:
    start: int  # of the quoted text, marks excluded
    end: int
    open_at: int  # the opening mark
    close_at: int  # the closing mark (or -1 if it never closes)


class QuoteFinder:
    def __init__(self, doc: Doc):
        self.doc = doc
        self.text = doc.text
        # Entities plus titles standing in for people ("Presiden Rusia meminta ...").
        self.ents = sorted([*doc.ents, *(doc._.role_mentions or ())], key=lambda e: e.start_char)
        self.quoted: list[_Span] = _quotations(self.text)
        self.sentences = [(s.start_char, s.end_char) for s in doc.sents]

    # -- helpers -------------------------------------------------------------

    def sentence_of(self, char: int) -> tuple[int, int]:
        for start, end in self.sentences:
            if start <= char < end:
                return start, end
        return 0, len(self.text)

    def inside_quote(self, char: int) -> bool:
        return any(q.start <= char < q.end for q in self.quoted)

    def entity_at(self, start: int, end: int, labels=("PER", "ORG", "LOC", "GPE")) -> Span | None:
        """The first entity in [start, end), people first."""
        inside = [e for e in self.ents if e.start_char >= start and e.end_char <= end and e.label_ in labels]
        people = [e for e in inside if e.label_ == "PER"]
        return (people or inside or [None])[0]

    def last_person_before(self, char: int) -> Span | None:
        best = None
        for entity in self.ents:
            if entity.label_ == "PER" and entity.end_char <= char and not self.inside_quote(entity.start_char):
                best = entity
        return best

    def person_with_role(self, title: str, char: int) -> Span | None:
        title = title.lower()
        holders = [e for e in self.ents if e.label_ == "PER" and e._.role and
                   (e._.role.lower() == title or e._.role.lower().startswith(title + " "))]
        before = [e for e in holders if e.end_char <= char]
        if before:
            return before[-1]
        ids = {e._.entity_id for e in holders}
        return holders[0] if len(ids) == 1 else None

    def speaker_after(self, char: int, limit: int) -> Span | None:
        """Who is named right after a cue, up to the next punctuation mark."""
        window = self.text[char:limit]
        stop = re.search(r"[,.;:!?\"“”\n]", window)
        end = char + (stop.start() if stop else len(window))
        first_word = re.match(r"\s*(\w+)", self.text[char:end])
        if first_word and first_word.group(1).lower() in PRONOUNS:
            return self.last_person_before(char)
        entity = self.entity_at(char, end)
        if entity is not None:
            return entity
        words = self.text[char:end].strip()
        if words and words[0].isupper():
            return self.person_with_role(words, char)
        return None

    def subject_before(self, sentence_start: int, char: int) -> Span | None:
        """The subject of a clause: the first person (else organisation or
        place) between the sentence start and `char`, or a pronoun's referent."""
        segment = self.text[sentence_start:char]
        subordinate = SUBORDINATE.match(segment)
        if subordinate and "," in segment[subordinate.end():]:
            # "Saat mengantar pemimpin Korea Utara ..., Putin memberikan ...": the
            # subject follows the subordinate clause.
            skip = segment.index(",", subordinate.end()) + 1
            sentence_start, segment = sentence_start + skip, segment[skip:]
        opener = re.match(r"\s*[\"“]?\s*(\w+)", segment)
        if opener and opener.group(1).lower() in PRONOUNS:
            return self.last_person_before(sentence_start + opener.start(1))
        candidates = [e for e in self.ents if sentence_start <= e.start_char and e.end_char <= char
                      and not self.inside_quote(e.start_char)]
        people = [e for e in candidates if e.label_ == "PER"]
        if people:
            return people[0]
        others = [e for e in candidates if e.label_ in ("ORG", "LOC", "GPE")]
        return others[0] if others else None

    def via_after(self, char: int, sentence_end: int) -> Span | None:
        match = _patterns()["relay"].search(self.text, char, sentence_end)
        if not match:
            return None
        return self.entity_at(match.end(), sentence_end, labels=("ORG",))

    # -- the finders ---------------------------------------------------------

    def find(self) -> list[Quote]:
        quotes: list[Quote] = []
        quotes += self.headline()
        direct, partial = self.quotations()
        quotes += direct
        quotes += self.indirect()
        quotes += self.partials(partial, quotes)
        quotes.sort(key=lambda q: (q.start, q.end))
        return _dedupe(quotes)

    def headline(self) -> list[Quote]:
        title_end = self.text.find("\n")
        title_end = len(self.text) if title_end < 0 else title_end
        title = self.text[:title_end]
        match = re.search(r":\s*([^:]{2,60})$", title)
        if not match:
            return []
        speaker = self.entity_at(match.start(1), title_end)
        if speaker is None:
            return []
        out = [_quote(self.text, 0, match.start(), "headline", speaker, None, None, None)]
        for q in _single_quotations(title[:match.start()]):
            out.append(_quote(self.text, q[0], q[1], "partial", speaker, None, None, None))
        return out

    def quotations(self) -> tuple[list[Quote], list[_Span]]:
        patterns = _patterns()
        direct, leftovers = [], []
        for q in self.quoted:
            sentence_start, sentence_end = self.sentence_of(q.open_at)
            after_close = q.close_at + 1 if q.close_at >= 0 else q.end
            line_end = self.text.find("\n", after_close)
            line_end = len(self.text) if line_end < 0 else line_end
            after = patterns["after"].match(self.text, after_close, line_end)
            if after:
                cue = after.group("cue")
                cue_start = after.start("cue")
                if cue.lower().endswith("nya") or cue.lower().split()[-1] in PRONOUNS:
                    speaker = self.last_person_before(q.open_at)
                else:
                    speaker = self.speaker_after(after.end("cue"), line_end)
                via = self.via_after(after.end(), max(sentence_end, line_end))
                direct.append(_quote(self.text, q.start, q.end, "direct", speaker, cue, cue_start, via))
                continue
            line_start = self.text.rfind("\n", 0, q.open_at) + 1
            before_text = self.text[line_start:q.open_at]
            before = patterns["before"].search(before_text)
            menurut = patterns["menurut"].search(before_text)
            if before:
                cue_start = line_start + before.start("cue")
                speaker = self.subject_before(max(sentence_start, line_start), cue_start)
                via = self.via_after(q.end, max(sentence_end, line_end))
                direct.append(_quote(self.text, q.start, q.end, "direct", speaker, before.group("cue"), cue_start, via))
            elif menurut:
                who_start = line_start + menurut.start("who")
                speaker = self.entity_at(who_start, line_start + menurut.end("who"))
                direct.append(_quote(self.text, q.start, q.end, "direct", speaker, "menurut",
                                     line_start + menurut.start(), None))
            elif self.text[q.start:q.start + 1].isupper() and len(self.text[q.start:q.end].split()) >= 4 \
                    and self.text[q.end - 1:q.end] in ".!?,":
                # A whole quoted sentence with no cue: a quote, speaker unknown
                # unless it continues a quotation from the paragraph before.
                direct.append(_quote(self.text, q.start, q.end, "direct", None, None, None, None))
            else:
                leftovers.append(q)
        return self._continuations(direct), leftovers

    def _continuations(self, direct: list[Quote]) -> list[Quote]:
        """A multi-paragraph quotation takes its speaker from its last paragraph."""
        out = list(direct)
        for i in range(len(out) - 2, -1, -1):
            quote, following = out[i], out[i + 1]
            between = self.text[quote.end:following.start]
            if quote.speaker_id is None and quote.cue is None and "\n" in between and \
                    between.strip(' "“”\n,.') == "" and following.speaker_id:
                out[i] = Quote(quote.start, quote.end, quote.text, quote.kind, following.speaker_id,
                               following.speaker, following.cue, following.cue_start, following.via_id, following.via)
        return out

    def indirect(self) -> list[Quote]:
        patterns = _patterns()
        out = []
        for sentence_start, sentence_end in self.sentences:
            sentence = self.text[sentence_start:sentence_end]
            for match in patterns["indirect"].finditer(sentence):
                cue_start = sentence_start + match.start("cue")
                if self.inside_quote(cue_start):
                    continue
                speaker = self.subject_before(sentence_start, cue_start)
                start = sentence_start + match.end()
                end = _clause_end(self.text, start, sentence_end)
                out.append(_quote(self.text, start, end, "indirect", speaker, match.group("cue"), cue_start,
                                  self.via_after(start, sentence_end)))
            menurut = patterns["menurut_clause"].match(sentence)
            if menurut and not self.inside_quote(sentence_start + menurut.start()):
                rest_start = sentence_start + menurut.end()
                if self.text[rest_start:rest_start + 1] in ('"', "“"):
                    continue  # a direct quote, handled above
                who = self.entity_at(sentence_start + menurut.start("who"), sentence_start + menurut.end("who"))
                if who is not None:
                    end = _clause_end(self.text, rest_start, sentence_end)
                    out.append(_quote(self.text, rest_start, end, "indirect", who, "menurut",
                                      sentence_start + menurut.start(), None))
        return out

    def partials(self, spans: list[_Span], found: list[Quote]) -> list[Quote]:
        out = []
        for q in spans:
            content = self.text[q.start:q.end]
            if len(content.split()) > PARTIAL_MAX_WORDS or _is_name(content):
                continue
            sentence_start, sentence_end = self.sentence_of(q.open_at)
            speaker_quote = next((f for f in found if f.kind in ("direct", "indirect") and f.speaker_id
                                  and (sentence_start <= f.start < sentence_end or f.start <= q.start < f.end)), None)
            if speaker_quote is not None:
                out.append(Quote(q.start, q.end, content, "partial", speaker_quote.speaker_id, speaker_quote.speaker,
                                 speaker_quote.cue, speaker_quote.cue_start, speaker_quote.via_id, speaker_quote.via))
                continue
            speaker = self.subject_before(sentence_start, q.open_at)
            if speaker is not None and speaker.label_ == "PER":
                out.append(_quote(self.text, q.start, q.end, "partial", speaker, None, None, None))
        return out


def _quote(text: str, start: int, end: int, kind: str, speaker: Span | None, cue: str | None,
           cue_start: int | None, via: Span | None) -> Quote:
    start, end = _strip(text, start, end)
    return Quote(start, end, text[start:end], kind,
                 speaker._.entity_id if speaker is not None else None,
                 speaker._.canonical if speaker is not None else None,
                 cue.lower() if cue else None, cue_start,
                 via._.entity_id if via is not None else None,
                 via._.canonical if via is not None else None)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \n\"“”":
        start += 1
    while end > start and text[end - 1] in " \n,\"“”":
        end -= 1
    return start, end


def _clause_end(text: str, start: int, sentence_end: int) -> int:
    """End of a reported clause: before the sentence's final punctuation or a
    following relay (`, seperti dikutip ...`)."""
    segment = text[start:sentence_end]
    relay = re.search(r",\s*(?:(?:seperti\s+)?(?:dikutip|dilansir|dilaporkan|mengutip)|seraya|sambil)\b|:\s*[\"“]",
                      segment, re.IGNORECASE)
    if relay:
        segment = segment[:relay.start()]
    segment = segment.rstrip()
    while segment and segment[-1] in ".!?,;":
        segment = segment[:-1]
    return start + len(segment)


def _quotations(text: str) -> list[_Span]:
    """Double-quoted stretches, paragraph by paragraph, joining a quotation
    left open at a paragraph's end to the next paragraph that opens one."""
    spans: list[_Span] = []
    pending: int | None = None  # opening mark of a quotation continued from an earlier paragraph
    offset = 0
    for paragraph in text.split("\n\n"):
        marks = [(i, ch) for i, ch in enumerate(paragraph) if ch in '"“”']
        opened: int | None = None
        for index, (i, ch) in enumerate(marks):
            position = offset + i
            if opened is None:
                if ch == "”" and pending is None:
                    continue
                if pending is not None and index == 0 and i == 0:
                    opened = pending  # the continuation's opening mark repeats the quote
                    pending = None
                    continue
                opened = position
            else:
                if ch == "“":
                    continue  # stray nested opener
                spans.append(_Span(opened + 1, position, opened, position))
                opened = None
        pending = opened
        offset += len(paragraph) + 2
    return spans


def _single_quotations(text: str) -> list[tuple[int, int]]:
    return [(m.start(1), m.end(1)) for m in re.finditer(r"(?<!\w)['‘]([^'’\n]{1,80})['’](?!\w)", text)]


def _is_name(content: str) -> bool:
    """`Hari Kemenangan`, `Operasi Lilin`: a quoted proper name, not speech."""
    words = re.findall(r"[\w'-]+", content)
    return bool(words) and len(words) <= 5 and all(w[0].isupper() or w.isdigit() for w in words)


def _dedupe(quotes: list[Quote]) -> list[Quote]:
    seen, out = set(), []
    for quote in quotes:
        key = (quote.start, quote.end, quote.kind)
        if key not in seen and quote.end > quote.start:
            seen.add(key)
            out.append(quote)
    return out


@Language.component("warta_quotes", requires=["doc.ents", "doc.sents"])
def find_quotes(doc: Doc) -> Doc:
    doc._.quotes = QuoteFinder(doc).find()
    return doc
