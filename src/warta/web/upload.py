"""Reading the body of POST /api/articles: raw text, JSON, or one uploaded file, size-capped."""

from __future__ import annotations

import re

from fastapi import Request

from warta.web.errors import ApiError

_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def _safe_name(filename: str | None) -> str | None:
    if not filename:
        return None
    base = filename.replace("\\", "/").rsplit("/", 1)[-1]
    return _SAFE_NAME.sub("_", base)[:120] or None


async def read_upload(request: Request) -> tuple[str | None, bytes]:
    """(file name or None, bytes) of the article in the request body."""
    limit = request.app.state.explorer.max_upload
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit + 64 * 1024:
        raise ApiError(413, "too_large", f"the body is larger than the limit of {limit:,} bytes")
    content_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if content_type == "multipart/form-data":
        try:
            form = await request.form(max_files=1, max_fields=5)
        except Exception as exc:  # malformed multipart bodies raise several kinds of errors
            raise ApiError(400, "bad_request", f"cannot read the multipart body: {exc}") from None
        upload = form.get("file")
        if upload is None or isinstance(upload, str):
            raise ApiError(422, "missing_field", "the multipart body needs a file field named `file`")
        data = await upload.read(limit + 1)
        name = _safe_name(upload.filename)
        await form.close()
    else:
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise ApiError(413, "too_large", f"the body is larger than the limit of {limit:,} bytes")
            chunks.append(chunk)
        data = b"".join(chunks)
        name = "body.json" if content_type == "application/json" else None
    if len(data) > limit:
        raise ApiError(413, "too_large", f"the article is larger than the limit of {limit:,} bytes")
    if not data.strip():
        raise ApiError(422, "empty", "the body is empty: send one article as warta text, JSON or a file")
    return name, data
