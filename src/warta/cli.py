"""The `warta` command.

Every command takes `--db`, before or after the command name (or the
WARTA_DB environment variable; default ./warta.db). Machine-readable output
is `--json` on every command that prints results. Errors a user can fix are one red line and exit code 1 or 2,
never a traceback.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from warta import __version__, service
from warta.formats import DEFAULT_MAX_BYTES, expand_paths
from warta.ingest import read_prepared
from warta.search.query import QueryError
from warta.store import StoreError, default_location, is_database_url, open_store, shown_location
from warta.terminal import Column, plural, printable
from warta.terminal import table as new_table
from warta.vocabulary import ENTITY_LABELS, EVENT_TYPES, QUOTE_KINDS

app = typer.Typer(
    name="warta",
    help="Indonesian news articles in, a searchable knowledge base out.\n\n"
         "Start with:  warta ingest examples/corpus   then   warta search \"bertemu Putin\"",
    no_args_is_help=True,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)
console = Console()
errors = Console(stderr=True)

Db = Annotated[str, typer.Option("--db", envvar="WARTA_DB",
                                 help="Database file, or postgresql://user@host/db (default ./warta.db).",
                                 default_factory=default_location, show_default=False)]
Json = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
Cluster = Annotated[str | None, typer.Option(
    "--cluster", metavar="local:N|tcp://HOST:PORT",
    help="Run on a Dask cluster: local:N starts N worker processes here, tcp://HOST:PORT joins a running "
         "scheduler (docs/scale.md). Workers write to the database themselves, so --db must be "
         "postgresql://...; --workers and --batch-size do not apply.")]


def checked(validate: Callable[[str | None], str | None]):
    """An option callback from one of warta.service's validators: the value
    normalised, or exit 2 with the message every interface gives."""

    def check(value: str | None) -> str | None:
        try:
            return validate(value)
        except service.InvalidInput as exc:
            raise typer.BadParameter(str(exc)) from None

    return check


def fail(message: str, code: int = 1) -> typer.Exit:
    errors.print(f"[bold red]error:[/] {printable(message)}")
    return typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        console.print(f"warta {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool | None, typer.Option("--version", callback=_version, is_eager=True,
                                                     help="Print the version and exit.")] = None,
    db: Annotated[str | None, typer.Option("--db", help="Database file for the command that follows "
                                                           "(the same as its own --db).")] = None,
) -> None:
    """Indonesian news articles in, a searchable knowledge base out."""
    if db is not None:
        # Every command's --db reads WARTA_DB: `warta --db x.db stats` is
        # `warta stats --db x.db`, and a --db after the command still wins.
        os.environ["WARTA_DB"] = db


def _open(db: str, create: bool = False):
    try:
        return open_store(db, create=create)
    except StoreError as exc:
        raise fail(str(exc)) from None


def _print_json(data) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


class RateColumn(ProgressColumn):
    """Files (or tasks, on a cluster) per second so far."""

    def __init__(self, unit: str = "files"):
        super().__init__()
        self.unit = unit

    def render(self, task) -> Text:
        elapsed = task.elapsed or 0
        rate = task.completed / elapsed if elapsed > 0 else 0
        return Text(f"{rate:,.1f} {self.unit}/s" if rate < 10 else f"{rate:,.0f} {self.unit}/s",
                    style="progress.data.speed")


def _check_cluster(cluster: str, db: str) -> None:
    from warta.cluster import ClusterError, check

    try:
        check(cluster, db)
    except ClusterError as exc:
        raise fail(str(exc), 2) from None


@contextmanager
def _cluster_client(cluster: str) -> Iterator:
    """A Dask client on `cluster`; a scheduler that cannot be reached is one red line."""
    from warta.cluster import ClusterError, connect

    try:
        with connect(cluster) as client:
            yield client
    except ClusterError as exc:
        raise fail(str(exc)) from None


def _ingest_on_cluster(cluster: str, files: list[str], db: str, analyze: bool, max_bytes: int, mapping: dict,
                       progress: Progress, task, show: Callable):
    """`warta ingest --cluster`: the bar counts tasks (chunks of files or of JSONL lines) as workers finish them."""
    from warta import cluster as on_cluster
    from warta.store import IngestReport

    started = time.perf_counter()
    so_far = IngestReport()

    def done(report) -> None:
        so_far.add(report)
        progress.advance(task)
        show(so_far, None)

    with _cluster_client(cluster) as client:
        report = on_cluster.ingest(client, files, on_cluster.Settings(db, analyze, max_bytes, dict(mapping)),
                                   on_task=done, on_total=lambda total: progress.update(task, total=total))
    report.seconds = time.perf_counter() - started
    return report


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (read recursively) or globs such as "
                                                    "'news/**/*.txt'.")],
    db: Db,
    max_bytes: Annotated[int, typer.Option(help="Reject files larger than this many bytes.")] = DEFAULT_MAX_BYTES,
    batch_size: Annotated[int, typer.Option(help="Articles per transaction.")] = 500,
    workers: Annotated[int | None, typer.Option(help="Processes that read and analyse files (default: one per core).",
                                                   min=1)] = None,
    analyze: Annotated[bool, typer.Option("--analyze/--no-analyze",
                                          help="Run the NLP pipeline (entities...) on new articles.")] = True,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    field_names: Annotated[str | None, typer.Option(
        "--map", metavar="FIELD=NAME,...",
        help="JSONL field names the reader does not know, e.g. published=tanggal,body=isi.")] = None,
    cluster: Cluster = None,
    as_json: Json = False,
) -> None:
    """Read articles (warta text, JSONL, HTML) into the database.

    Safe to re-run: stored articles are skipped as duplicates, a changed
    article becomes a new version, unreadable files are listed by
    `warta rejects`. Exits non-zero only if nothing could be ingested.
    With --cluster, PATHs may also be fsspec URLs (file://..., s3://...)
    every worker can read.
    """
    from warta.formats.jsonl import field_map

    try:
        mapping = field_map(field_names)
    except ValueError as exc:
        raise fail(f"--map: {exc}") from None
    if cluster:
        _check_cluster(cluster, db)
        from warta.cluster import input_names

        files = input_names(paths)
    else:
        files = [str(p) for p in expand_paths(paths)]
    if not files:
        raise fail("no input files found in " + ", ".join(paths))
    store = _open(db, create=True)
    progress = Progress(SpinnerColumn(), TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(),
                        RateColumn("tasks" if cluster else "files"), TimeElapsedColumn(),
                        TextColumn("{task.description}"),
                        console=errors, disable=quiet or as_json, transient=False)
    # Ctrl-C may land anywhere, closing the store included: each batch is its
    # own transaction, so whatever was committed stays and a re-run finishes.
    try:
        with store, progress:
            task = progress.add_task("", total=None if cluster else len(files))

            def show(report, _read):
                progress.update(task, description=f"{report.ingested + report.updated:,} new · "
                                                  f"{report.duplicates:,} dup · {report.rejected:,} rejected")

            try:
                if cluster:
                    report = _ingest_on_cluster(cluster, files, db, analyze, max_bytes, mapping, progress, task, show)
                else:
                    # Stored articles are not analysed again: the store skips them as duplicates.
                    items = read_prepared(files, max_bytes, workers, on_file=lambda n: progress.advance(task, n),
                                          analyze=analyze, stored_ids=store.stored_ids() if analyze else frozenset(),
                                          mapping=mapping, vectors=getattr(store, "search_vectors", False))
                    report = store.ingest(items, batch_size=batch_size, progress=show)
            except StoreError as exc:
                raise fail(str(exc)) from None
    except KeyboardInterrupt:
        errors.print("[yellow]interrupted:[/] every batch committed before the interrupt is kept; "
                     "re-run the same command to finish.")
        raise typer.Exit(130) from None
    summary = {"files": len(files), "ingested": report.ingested, "updated": report.updated,
               "duplicates": report.duplicates, "rejected": report.rejected,
               "analysis_failed": report.analysis_failed,
               "seconds": round(report.seconds, 2),
               "database": shown_location(db) if is_database_url(db) else db}
    if as_json:
        _print_json(summary)
    else:
        rate = (report.seen / report.seconds) if report.seconds else 0
        console.print(f"[green]{report.ingested:,} ingested[/], {report.updated:,} updated, "
                      f"{report.duplicates:,} duplicates, [red]{report.rejected:,} rejected[/] "
                      f"from {plural(len(files), 'file')} in {report.seconds:.1f}s ({rate:,.0f} articles/s) "
                      f"→ {printable(db)}")
        if report.analysis_failed:
            console.print(f"  [yellow]{plural(report.analysis_failed, 'article')} stored without analysis[/] "
                          "(too long, or the pipeline failed)")
        if report.rejected or report.analysis_failed:
            console.print("  see why with: [bold]warta rejects[/]")
    if report.ingested + report.updated + report.duplicates == 0:
        raise typer.Exit(1)


@contextmanager
def user_errors(db: str | None = None) -> Iterator[None]:
    """The service's complaints about what was typed as one red line: a bad
    value exits 2 naming its option, a name that matches nothing exits 1."""
    try:
        yield
    except service.InvalidInput as exc:
        option = "--" + exc.field.replace("_", "-")
        raise fail(f"{option} {exc}" if str(exc).startswith(service.DATE_MESSAGE) else str(exc), 2) from None
    except service.NotFound as exc:
        where = f" in {db}" if db else ""
        hint = " (see `warta entities`)" if not str(exc).startswith("no article") else ""
        raise fail(f"{exc}{where}{hint}") from None


def _highlight(html_snippet: str) -> Text:
    import html as html_module

    text = Text()
    for i, part in enumerate(html_snippet.replace("</mark>", "<mark>").split("<mark>")):
        text.append(html_module.unescape(part), style="bold yellow" if i % 2 else "")
    return text


@app.command()
def search(
    query: Annotated[str, typer.Argument(
        help='Words (stemmed: bertemu finds pertemuan), "exact phrases", OR, -exclude.')],
    db: Db,
    since: Annotated[str | None, typer.Option(help="Published on or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before YYYY-MM-DD.")] = None,
    section: Annotated[str | None, typer.Option(help="Only this section, e.g. DUNIA.")] = None,
    source: Annotated[str | None, typer.Option(help="Only this source agency, e.g. AA.")] = None,
    entity: Annotated[str | None, typer.Option(help="Only articles that mention this entity (name or id).")] = None,
    speaker: Annotated[str | None, typer.Option(help="Only articles quoting this person (name or id).")] = None,
    place: Annotated[str | None, typer.Option(
        help="Only articles mentioning this place (name or gazetteer id).")] = None,
    mentioned_since: Annotated[str | None, typer.Option(
        help="Only articles mentioning a date on or after YYYY-MM-DD.")] = None,
    mentioned_until: Annotated[str | None, typer.Option(help="... a date on or before YYYY-MM-DD.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, max=1000)] = 10,
    offset: Annotated[int, typer.Option(min=0)] = 0,
    as_json: Json = False,
) -> None:
    """Full-text search, best matches first, with highlighted snippets."""
    with _open(db) as store, user_errors(db):
        try:
            results = service.find_articles(store, query, since, until, section, source, entity, speaker, place,
                                            mentioned_since, mentioned_until, limit, offset)
        except QueryError as exc:
            raise fail(f"bad query: {exc}", 2) from None
    if as_json:
        _print_json(results.to_dict())
        return
    if not results.hits:
        console.print(f"no articles match {query!r}")
        return
    matches = plural(results.total, "article matches", "articles match")
    console.print(f"[bold]{matches}[/] [bold]{printable(query)}[/]; showing "
                  f"{offset + 1}–{offset + len(results.hits)}")
    for hit in results.hits:
        console.print()
        console.print(f"[bold cyan]{hit.id}[/]  {hit.published}  {printable(hit.section or '')}  "
                      f"[dim]{printable(hit.source or '')}[/]", overflow="fold")
        console.print(Text(hit.title, style="bold"))
        console.print(_highlight(hit.snippet_html))


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(help="Article id, a unique prefix of it, or the external id.")],
    db: Db,
    as_json: Json = False,
) -> None:
    """One article, with all its fields."""
    with _open(db) as store, user_errors(db):
        stored, analysis = service.stored_article(store, article_id)
    if as_json:
        data = stored.to_dict()
        if analysis is not None:
            result = analysis.to_dict()
            data["analysis"] = {k: result[k] for k in ("schema_version", "pipeline", "sentences", "entities")}
        _print_json(data)
        return
    article = stored.article
    meta = Table.grid(padding=(0, 2))
    for name, value in (("id", article.id), ("external id", article.external_id), ("published", article.published),
                        ("section", article.section), ("source", article.source), ("dateline", article.dateline),
                        ("version", f"{stored.version}" + (f" (replaced by {stored.superseded_by})"
                                                           if stored.superseded_by else "")),
                        ("path", article.path)):
        if value:
            meta.add_row(Text(name, style="dim"), Text.from_markup(printable(value)))
    console.print(meta)
    console.print()
    console.print(Text(article.title, style="bold"))
    if article.subtitle:
        console.print(Text(article.subtitle, style="italic"))
    if article.caption:
        credit = f" / {article.caption_credit}" if article.caption_credit else ""
        console.print(Text(f"[foto] {article.caption}{credit}",
                           style="dim"))
    for paragraph in article.body:
        console.print()
        console.print(Text(paragraph))
    if analysis is not None and analysis.entities:
        console.print()
        console.print("[bold]entities:[/] " + ", ".join(
            f"{printable(e.name)} [dim]{e.label}×{len(e.mentions)}[/]" for e in analysis.entities))


@app.command()
def entities(
    db: Db,
    label: Annotated[str | None, typer.Option(help=f"One of {', '.join(ENTITY_LABELS)}.",
                                                 callback=checked(service.valid_label))] = None,
    name: Annotated[str | None, typer.Option(help="Only entities whose name or a mention contains these words "
                                                     "(whole words: BI does not find Subianto).")] = None,
    since: Annotated[str | None, typer.Option(help="Mentioned in articles published on or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="... on or before YYYY-MM-DD.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1)] = 30,
    as_json: Json = False,
) -> None:
    """The most-mentioned people, organisations and places."""
    with _open(db) as store:
        with user_errors(db):
            found = service.entity_rows(store, label, name, since, until, limit)
    if as_json:
        _print_json(found)
        return
    if not found:
        console.print("no entities (ingest with --analyze, or run `warta reanalyze`)")
        return
    console.print(new_table(
        [Column("entity / id"), Column("label", "key"), Column("mentions", "number"),
         Column("articles", "number"), Column("first", "key"), Column("last", "key")],
        ([f"{printable(row['name'])}\n[dim]{printable(row['id'])}[/]", row["label"], f"{row['mentions']:,}",
          f"{row['articles']:,}\n[dim]({row['sources']:,})[/]", row["first"], row["last"]] for row in found),
        caption="articles (sources): copies of one text count as one source"))


@app.command()
def quotes(
    db: Db,
    speaker: Annotated[str | None, typer.Option(help="Only quotes by this person (name, alias or id).")] = None,
    kind: Annotated[str | None, typer.Option(help=f"One of {', '.join(QUOTE_KINDS)}.",
                                                callback=checked(service.valid_quote_kind))] = None,
    since: Annotated[str | None, typer.Option(help="In articles published on or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="... on or before YYYY-MM-DD.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1)] = 30,
    distinct: Annotated[bool, typer.Option(
        "--distinct", help="Each copy group once (its original's quotes): a wire text run by ten outlets "
                           "is one statement.")] = False,
    as_json: Json = False,
) -> None:
    """Who said what: quotes with their speakers, newest first."""
    with _open(db) as store:
        with user_errors(db):
            found = service.quote_rows(store, speaker, kind, since, until, limit, distinct=distinct)
    if as_json:
        _print_json(found)
        return
    if not found:
        console.print("no quotes" + (f" by {speaker!r}" if speaker else ""))
        return
    for row in found:
        who = row["speaker"] or "[dim](speaker unknown)[/]"
        via = f" [dim]via {printable(row['via'])}[/]" if row["via"] else ""
        copies = f" [dim]· in {row['copies']} copies[/]" if row["copies"] > 1 else ""
        console.print(f"[bold]{printable(who) if row['speaker'] else who}[/] [dim]{row['published']} · {row['kind']} · "
                      f"{printable(row['cue'] or '')}[/]{via}{copies}")
        console.print(Text(f"  “{row['text']}”"))
        console.print(f"  [dim]{row['article_id']} {printable(row['title'])}[/]", overflow="fold")


@app.command("entity")
def entity_command(
    name: Annotated[str, typer.Argument(help="A name as written (Putin), a canonical name, or an entity id.")],
    db: Db,
    as_json: Json = False,
) -> None:
    """One entity across all articles: aliases, roles, mentions over time, co-mentions, latest quotes."""
    with _open(db) as store, user_errors(db):
        profile, matches = service.entity_profile(store, name)
    others = [m for m in matches if m["id"] != profile["id"]]
    if as_json:
        _print_json({**profile, "also_matching": others})
        return
    if others:
        errors.print(f"[yellow]{plural(len(matches), 'entity matches', 'entities match')} {printable(name)!r}[/]; "
                     "showing the most mentioned. The others (ask for one by its id):")
        errors.print(new_table([Column("id", "key"), Column("entity"), Column("label", "key"),
                                Column("mentions", "number")],
                               ([printable(m["id"]), printable(m["name"]), m["label"], f"{m['mentions']:,}"]
                                for m in others),
                               box=None, show_header=False, padding=(0, 1, 0, 2)))
    console.print(f"[bold]{printable(profile['name'])}[/] [dim]{profile['label']} · {printable(profile['id'])} · "
                  f"{plural(profile['mentions'], 'mention')} in {plural(profile['articles'], 'article')}[/]")
    console.print("[bold]aliases:[/] " + ", ".join(f"{printable(a['text'])} ({a['mentions']})"
                                                   for a in profile["aliases"]))
    if profile["roles"]:
        console.print("[bold]roles:[/] " + ", ".join(f"{printable(r['role'])} ({r['mentions']})"
                                                     for r in profile["roles"]))
    if profile["timeline"]:
        peak = max(t["mentions"] for t in profile["timeline"])
        console.print("[bold]mentions by month:[/]")
        for t in profile["timeline"]:
            console.print(f"  {t['month']} {'█' * max(1, round(20 * t['mentions'] / peak))} {t['mentions']}")
    if profile["co_mentions"]:
        console.print("[bold]mentioned with:[/] " + ", ".join(
            f"{printable(c['name'])} ({c['articles']})" for c in profile["co_mentions"]))
    for quote in profile["quotes"]:
        console.print(Text(f"  “{quote['text'][:160]}”  ({quote['published']})"))


@app.command()
def reanalyze(
    db: Db,
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
    cluster: Cluster = None,
) -> None:
    """Analyse stored articles that have no analysis yet (or an outdated one).

    An article that cannot be analysed is listed by `warta rejects`
    (`too_long`, `analysis_failed`) and the others go on.
    """
    from warta.model import Analysis
    from warta.nlp.analysis import analyze_each

    if cluster:
        _check_cluster(cluster, db)
    with _open(db) as store:
        progress = Progress(SpinnerColumn(), TextColumn("[bold]analyse"), BarColumn(), MofNCompleteColumn(),
                            RateColumn("articles"), TimeElapsedColumn(), console=errors, disable=quiet)
        with progress:
            task = progress.add_task("", total=None)
            if cluster:
                from warta import cluster as on_cluster

                with _cluster_client(cluster) as client:
                    count, failures = on_cluster.reanalyze(
                        client, store, db, on_task=lambda n: progress.advance(task, n),
                        on_total=lambda total: progress.update(task, total=total))
            else:
                pending = [s.article for s in store.unanalyzed()]
                progress.update(task, total=len(pending))
                failed = []

                def tracked():
                    for result in analyze_each(pending):
                        progress.advance(task)
                        if isinstance(result, Analysis):
                            yield result
                        else:
                            failed.append(result)

                count = store.save_analyses(tracked())
                if failed:
                    store.ingest(failed)
                failures = len(failed)
    console.print(f"analysed {plural(count, 'article')}" + (f", {plural(failures, 'article')} could not be "
                                                            "(see `warta rejects`)" if failures else ""))


@app.command()
def stats(db: Db, as_json: Json = False) -> None:
    """What the database holds: counts, dates, sections, sources, sizes."""
    with _open(db) as store:
        data = store.stats()
    if as_json:
        _print_json(data)
        return
    table = Table(show_header=False, box=None)
    table.add_column(no_wrap=True)
    table.add_column(overflow="fold")
    for key in ("database", "schema_version", "articles", "versions", "rejects", "published_first",
                "published_last", "indexed_documents", "analyzed", "entities", "mentions"):
        value = data[key]
        table.add_row(key.replace("_", " "), f"{value:,}" if isinstance(value, int) and key != "schema_version"
                      else printable(value))
    table.add_row("size", f"{data['database_bytes'] / 1e6:.1f} MB database + {data['index_bytes'] / 1e6:.1f} MB index")
    console.print(table)
    for key in ("sections", "sources", "rejects_by_reason"):
        if data[key]:
            console.print(f"[bold]{key.replace('_', ' ')}:[/] " +
                          ", ".join(f"{printable(str(k))} {v:,}" for k, v in data[key].items()))


@app.command()
def rejects(db: Db, limit: Annotated[int, typer.Option("--limit", "-n")] = 100, as_json: Json = False) -> None:
    """Input that could not be ingested, with the reason for each file."""
    with _open(db) as store:
        found = store.rejects(limit)
    if as_json:
        _print_json([r.to_dict() for r in found])
        return
    if not found:
        console.print("no rejected input")
        return
    console.print(new_table(
        [Column("path"), Column("reason", "key"), Column("detail"), Column("last seen", "key"),
         Column("times", "number")],
        ([printable(r.path), printable(r.reason), printable(r.detail), r.last_seen.strftime("%Y-%m-%d %H:%M"),
          f"{r.times:,}"]
         for r in found)))


@app.command()
def export(
    db: Db,
    what: Annotated[str, typer.Argument(help="articles or events.")] = "articles",
    format: Annotated[str, typer.Option("--format", "-f",
                                        help="jsonl, csv, parquet; for events also gdelt.")] = "jsonl",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default: stdout, "
                                                                       "except parquet).")] = None,
    all_versions: Annotated[bool, typer.Option("--all-versions",
                                               help="Articles: include superseded versions.")] = False,
) -> None:
    """Export the stored articles, or the merged events (GDELT-like TSV with -f gdelt)."""
    with user_errors():
        service.check_export(what, format)
    if format == "parquet" and output is None:
        raise fail("parquet needs --output FILE", 2)
    with _open(db) as store:
        try:
            count = service.export(store, what, format, output, all_versions)
        except OSError as exc:
            raise fail(f"cannot write {output or 'standard output'}: {exc.strerror or exc}") from None
    if output is not None:
        errors.print(f"{plural(count, what.rstrip('s'))} → {printable(output)}")


@app.command()
def events(
    db: Db,
    actor: Annotated[str | None, typer.Option(
        help="Only events with this actor (name or id), as source or target.")] = None,
    type: Annotated[str | None, typer.Option("--type", help=f"PLOVER type: {', '.join(EVENT_TYPES)}.",
                                                callback=checked(service.valid_event_type))] = None,
    since: Annotated[str | None, typer.Option(help="Events dated on or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="... on or before YYYY-MM-DD.")] = None,
    place: Annotated[str | None, typer.Option(help="Only events at this place (name or gazetteer id).")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1)] = 30,
    as_json: Json = False,
) -> None:
    """Who did what to whom, where and when: merged events with their evidence sentences."""
    with _open(db) as store:
        with user_errors(db):
            found = service.event_rows(store, actor, type, since, until, place, limit)
    if as_json:
        _print_json(found)
        return
    if not found:
        console.print("no events")
        return
    rows = []
    for row in found:
        arrow = "↔" if row["symmetric"] else "→"
        rows.append([printable(row["date"] or ""), f"{row['type']} {row['cameo'] or ''}".strip(),
                     printable(row["source_name"] or "?") + f" [dim]{printable(row['source_code'] or '')}[/] "
                     f"{arrow} " + printable(row["target_name"] or "-")
                     + f" [dim]{printable(row['target_code'] or '')}[/]",
                     printable(row["place"] or ""), f"{row['mentions']:,}", f"{row['sources']:,}",
                     ("" if row["modality"] == "asserted" else f"[dim]({row['modality']})[/] ") +
                     printable(row["evidence"][0]["sentence"][:140]) +
                     "".join(f"\n[dim]merged: {printable(link['why'])}[/]" for link in row["merge_evidence"][:2])])
    console.print(new_table([Column("date", "key"), Column("type", "key"), Column("who", share=2),
                             Column("place", share=1), Column("mentions", "number"), Column("sources", "number"),
                             Column("evidence", share=3)],
                            rows))


@app.command("stories")
def stories_command(
    db: Db,
    entity: Annotated[str | None, typer.Option(help="Only stories with an article mentioning this entity.")] = None,
    place: Annotated[str | None, typer.Option(help="Only stories with an article mentioning this place.")] = None,
    since: Annotated[str | None, typer.Option(help="Stories running on or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="... on or before YYYY-MM-DD.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1)] = 30,
    as_json: Json = False,
) -> None:
    """Stories: articles from any outlet about one happening, newest first (see `warta story ID`)."""
    with _open(db) as store, user_errors(db):
        service.named(store, entity, "entity")
        service.named(store, place, "place")
        found = service.stories(store, entity, place, since, until, limit)
    if as_json:
        _print_json(found)
        return
    if not found["items"]:
        console.print("no stories")
        return
    rows = [[row["id"], f"{row['first_published']} – {row['last_published']}", f"{row['articles']:,}",
             f"{row['outlets']:,}", printable(row["title"])] for row in found["items"]]
    console.print(new_table([Column("id", "key"), Column("span", "key"), Column("articles", "number"),
                             Column("outlets", "number"), Column("title", share=3)], rows))
    if found["total"] > len(rows):
        console.print(f"[dim]{len(rows)} of {found['total']:,} stories (--limit)[/]")


@app.command("story")
def story_command(
    story_id: Annotated[str, typer.Argument(help="Story id, or the id of one of its articles.")],
    db: Db,
    as_json: Json = False,
) -> None:
    """One story: its articles by date and outlet, its events (with distinct sources) and its quotes."""
    with _open(db) as store, user_errors(db):
        found = service.story(store, story_id)
    if as_json:
        _print_json(found)
        return
    console.print(Text(found["title"], style="bold"))
    console.print(f"[dim]{found['id']} · {found['first_published']} – {found['last_published']} · "
                  f"{plural(found['article_count'], 'article')} from {plural(found['outlet_count'], 'outlet')}, "
                  f"{plural(found['sources'], 'distinct text')}[/]")
    console.print(new_table([Column("published", "key"), Column("outlet", "key"), Column("id", "key"),
                             Column("title", share=3)],
                            [[a["published"], printable(a["source"] or ""), a["id"],
                              printable(a["title"]) + (f" [dim](copy of {a['copy_of']})[/]" if a["copy_of"] else "")]
                             for a in found["articles"]]))
    if found["events"]:
        console.print(new_table(
            [Column("type", "key"), Column("who", share=2), Column("sources", "number"),
             Column("outlets", "number"), Column("evidence", share=3)],
            [[e["type"], printable(e["source_name"] or "?") + " → " + printable(e["target_name"] or "-"),
              str(e["sources"]), str(e["outlets"]), printable((e["evidence"][0]["sentence"] or "")[:140])]
             for e in found["events"]]))
    for quote in found["quotes"]:
        copies = f" [dim](×{quote['articles']})[/]" if quote["articles"] > 1 else ""
        console.print(f"[bold]{printable(quote['speaker'] or '?')}[/]: “{printable(quote['text'])}”{copies}")


@app.command()
def analyze(
    source: Annotated[str, typer.Argument(help="An article file (warta text, JSONL, HTML), or - for warta "
                                               "text on stdin.")],
    as_json: Json = False,
) -> None:
    """Analyse one article: sentences, entities with roles and mentions."""
    from warta.nlp.analysis import analyze as run
    from warta.nlp.analysis import read_article

    if source != "-" and not Path(source).is_file():
        raise fail(f"{source}: no such file")
    try:
        article = read_article(sys.stdin.read() if source == "-" else source)
    except (ValueError, OSError) as exc:
        raise fail(f"{source}: {exc}") from None
    result = run(article)
    if as_json:
        _print_json(result.to_dict())
        return
    console.print(Text(article.title, style="bold"))
    console.print(f"[dim]{article.id} · {article.published} · {printable(article.section or '')} · "
                  f"{plural(len(result.sentences), 'sentence')} · "
                  f"{plural(len(result.entities), 'entity', 'entities')}[/]")
    console.print(new_table(
        [Column("label", "key"), Column("entity"), Column("mentions", "number"), Column("roles"), Column("as written")],
        ([entity.label, printable(entity.name), str(len(entity.mentions)), printable(", ".join(entity.roles)),
          printable(" · ".join(sorted({m.text for m in entity.mentions}, key=len)))] for entity in result.entities)))


eval_app = typer.Typer(help="Measure warta's accuracy on gold data.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")


@eval_app.command("ner")
def eval_ner(
    files: Annotated[list[Path], typer.Argument(help="IOB files: TOKEN<TAB>TAG or CoNLL columns, blank "
                                                     "line between sentences.")],
    model_only: Annotated[bool, typer.Option("--model-only", help="Score the statistical model alone, "
                                                                  "without gazetteers and rules.")] = False,
    gpe_as: Annotated[str, typer.Option("--gpe-as", help="What a predicted GPE (a state as actor: 'Rusia "
                                                         "menolak') counts as: "
                                        "LOC where the gold set tags every state a place; O for idner-news-2k, "
                                        "which tags states only where they are places.")] = "LOC",
    as_json: Json = False,
) -> None:
    """Entity precision, recall and F1 per type and micro-averaged (seqeval, strict)."""
    from warta.nlp import load
    from warta.nlp.evaluation import EvalFileError, evaluate_files

    if gpe_as not in ("LOC", "O"):
        raise fail(f"--gpe-as must be LOC or O, not {gpe_as!r}")
    for path in files:
        if not path.is_file():
            raise fail(f"{path}: no such file")
    try:
        result = evaluate_files(load(), [str(p) for p in files], model_only, gpe_as)
    except (EvalFileError, UnicodeDecodeError) as exc:
        raise fail(str(exc)) from None
    if as_json:
        _print_json(result)
        return
    table = Table("type", "precision", "recall", "F1", "support",
                  title=f"{plural(result['sentences'], 'sentence')}, {plural(result['tokens'], 'token')}, "
                        f"GPE scored as {gpe_as}")
    for label, values in sorted(result["per_type"].items()):
        table.add_row(label, f"{values['precision']:.3f}", f"{values['recall']:.3f}", f"{values['f1']:.3f}",
                      str(values["support"]))
    micro = result["micro"]
    table.add_row("[bold]micro[/]", f"{micro['precision']:.3f}", f"{micro['recall']:.3f}",
                  f"[bold]{micro['f1']:.3f}[/]",
                  str(micro["support"]))
    console.print(table)


def _print_scores(title: str, rows: dict) -> None:
    table = Table("measure", "precision", "recall", "F1", "correct", "predicted", "gold", title=title)
    for name, values in rows.items():
        table.add_row(name, f"{values['precision']:.3f}", f"{values['recall']:.3f}", f"{values['f1']:.3f}",
                      str(values["correct"]), str(values["predicted"]), str(values["gold"]))
    console.print(table)


@eval_app.command("quotes")
def eval_quotes(
    gold: Annotated[Path, typer.Argument(help="Gold quotes JSONL (article external id, start, end, kind, speaker).")],
    corpus: Annotated[list[Path], typer.Option("--corpus", help="Where the gold articles are (files or folders).")],
    as_json: Json = False,
) -> None:
    """Quote extent and speaker attribution precision/recall on a gold set."""
    from warta.nlp import load
    from warta.nlp.evaluation import evaluate_quotes

    if not gold.is_file():
        raise fail(f"{gold}: no such file")
    result = evaluate_quotes(load(), gold, list(corpus))
    if as_json:
        _print_json(result)
        return
    _print_scores(plural(result['articles'], 'article'),
                  {"extent": result["extent"], "attribution": result["attribution"]})


@eval_app.command("events")
def eval_events(
    gold: Annotated[Path, typer.Argument(help="Gold events JSONL (published, context, sentence, events).")],
    part: Annotated[str, typer.Option("--part", help="all | dev | held-out: the held-out part is every record whose "
                                      "id number divides by 5 (ev005, ev010, ...), kept out of rule "
                                      "development.")] = "all",
    as_json: Json = False,
) -> None:
    """Event precision/recall for type, type+actors and type+actors+date."""
    from warta.nlp import load
    from warta.nlp.evaluation import evaluate_events, held_out_record

    if not gold.is_file():
        raise fail(f"{gold}: no such file")
    parts = {"all": lambda r: True, "dev": lambda r: not held_out_record(r), "held-out": held_out_record}
    if part not in parts:
        raise fail(f"--part must be one of {', '.join(parts)}, not {part!r}")
    result = evaluate_events(load(), gold, parts[part])
    if as_json:
        _print_json(result)
        return
    _print_scores(f"{plural(result['sentences'], 'sentence')} ({part})",
                  {k: v for k, v in result.items() if k != "sentences"})


#: Parts of a real-text gold folder's articles.json (the extra set's has a train part too).
GOLD_PARTS = ("dev", "held-out", "train", "all")


@eval_app.command("gold")
def eval_gold(
    directory: Annotated[Path, typer.Argument(help="Real-text gold folder (tests/gold/real): articles.json and "
                                                   "one annotation file per article.")],
    part: Annotated[str, typer.Option("--part", help="dev | held-out | train | all (fixed by article id in "
                                      "articles.json); report held-out first.",
                                      callback=checked(lambda value: service.one_of(
                                          value, GOLD_PARTS, "part", str.lower)))] = "held-out",
    corpus: Annotated[Path | None, typer.Option("--corpus", help="IndoSum articles.jsonl (default: "
                                                   "../shared/data/corpus/indosum-dev/articles.jsonl).")] = None,
    as_json: Json = False,
) -> None:
    """Every layer on real articles: mentions, identity, quotes, times, counts, events, headlines."""
    from warta.gold.corpus import default_corpus_path
    from warta.gold.score import evaluate

    if not (directory / "articles.json").is_file():
        raise fail(f"{directory}: no articles.json (is this a real-text gold folder?)")
    source = corpus or default_corpus_path()
    if not source.is_file():
        raise fail(f"{source}: the gold's article texts are not there (they come from ../shared/data; "
                   "give --corpus)")
    with console.status("analysing the gold articles"):
        result = evaluate(directory, part, source)
    if as_json:
        _print_json(result)
        return
    _print_gold(result)


def _print_gold(result: dict) -> None:
    console.print(f"[bold]{result['articles']} articles ({result['part']})[/bold]")
    entities = result["entities"]
    _print_scores("entity mentions, span + type", {k: entities[k] for k in ("all", "PER", "ORG", "LOC")})
    identity = result["identity"]
    _print_scores("identity", {"within article (B3)": {**identity["within_article"], "correct": "",
                                                        "predicted": "", "gold": identity["within_article"]["items"]},
                               "across articles (B3)": {**identity["across_articles"]["b_cubed"], "correct": "",
                                                        "predicted": "",
                                                        "gold": identity["across_articles"]["b_cubed"]["items"]},
                               "across articles, links": identity["across_articles"]["links"]})
    quotes = result["quotes"]
    _print_scores(f"quotes (speaker accuracy {quotes['speaker_accuracy']:.3f} of {quotes['matched']} matched; "
                  "recall " + ", ".join(f"{k} {v['recall']:.3f}" for k, v in quotes["recall_by_kind"].items()) + ")",
                  {"extent": quotes["extent"]})
    times = result["times"]
    console.print(f"times ({times['gold']} gold): extent F1 {times['f1']:.3f} exact, {times['relaxed_f1']:.3f} "
                  f"overlapping; value accuracy {times['value_accuracy']:.3f} on exact matches, "
                  f"{times['relaxed_value_accuracy']:.3f} on overlapping ones")
    counts = result["counts"]
    console.print(f"counts ({counts['gold']} gold): extent F1 {counts['f1']:.3f}; value accuracy "
                  f"{counts['value_accuracy']:.3f}")
    _print_scores("events", result["events"])
    if "headlines" in result:
        h = result["headlines"]
        _print_scores(f"headlines ({h['cases']} cases of our own; speaker accuracy "
                      f"{h['quotes']['speaker_accuracy']:.3f})",
                      {"headline quotes": h["quotes"]["extent"], "title entities": h["entities"]["all"]})


@app.command()
def schema() -> None:
    """Print the JSON Schema of `warta analyze --json` output."""
    from importlib import resources

    sys.stdout.write(resources.files("warta.data").joinpath("analysis.schema.json").read_text(encoding="utf-8"))


@app.command()
def relink(db: Db, cluster: Cluster = None) -> None:
    """Link people named by one name only to the one stored person of that full name, over the whole store.

    Ingest links `Trump` to `Donald Trump` only when the full name was stored
    first; run this after a large ingest so that identities do not depend on
    the order the articles came in. A name two stored people share stays as
    written. With --cluster the search index is then rebuilt by the workers."""
    if cluster:
        _check_cluster(cluster, db)
    with _open(db) as store:
        started = time.perf_counter()
        if cluster:
            from warta import cluster as on_cluster

            with _cluster_client(cluster) as client:
                count = on_cluster.relink(client, store, db)
        else:
            count = store.relink()
    console.print(f"linked {plural(count, 'lone name')} in {time.perf_counter() - started:.1f}s")


@app.command()
def reindex(db: Db) -> None:
    """Rebuild the search index from the database."""
    with _open(db) as store:
        started = time.perf_counter()
        count = store.reindex()
    console.print(f"reindexed {plural(count, 'article')} in {time.perf_counter() - started:.1f}s")


#: Log levels `warta serve --log-level` takes (uvicorn's).
LOG_LEVELS = ("critical", "error", "warning", "info", "debug", "trace")


@app.command()
def serve(
    db: Db,
    host: Annotated[str, typer.Option(help="Address to listen on (loopback only by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port to listen on (0: any free port).")] = 8000,
    workers: Annotated[int | None, typer.Option(min=1, help="Worker processes (default: one per core; "
                                                               "one when WARTA_TOKEN allows writes).")] = None,
    allow_host: Annotated[list[str] | None, typer.Option(
        "--allow-host", metavar="NAME",
        help="Also answer requests whose Host is NAME (repeatable; * for any). By default only localhost, "
             "127.0.0.1, [::1] and the --host address are answered, so DNS rebinding cannot read the API.")] = None,
    log_level: Annotated[str, typer.Option(help="uvicorn's log level: critical, error, warning, info, debug.",
                                           callback=checked(lambda value: service.one_of(
                                               value, LOG_LEVELS, "log_level", str.lower)))] = "warning",
) -> None:
    """Serve the explorer: REST API under /api/ and the web UI at /, in one process.

    Read-only unless WARTA_TOKEN is set; then POST /api/articles ingests
    articles sent with `Authorization: Bearer $WARTA_TOKEN`.
    """
    from warta.web.server import serve as serve_explorer

    try:
        serve_explorer(db, host, port, log_level, workers=workers, allow_hosts=allow_host or ())
    except StoreError as exc:
        raise fail(str(exc)) from None
    except OSError as exc:
        raise fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    except KeyboardInterrupt:
        raise typer.Exit(130) from None


def main() -> None:
    app()
