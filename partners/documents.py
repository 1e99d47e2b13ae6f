"""Checks for uploaded agreement documents: allowed kinds, real content, size."""

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024

# extension -> how the file's first bytes must look
_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "docx": (b"PK\x03\x04",),
    "odt": (b"PK\x03\x04",),
    "doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
}
ALLOWED_EXTENSIONS = list(_SIGNATURES)

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
    "doc": "application/msword",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
}


def extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def validate_document(file) -> None:
    """The file is small enough and its content matches its extension."""
    if file.size is not None and file.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            _("The file is %(size)s; at most %(max)s is allowed."),
            params={
                "size": filesizeformat(file.size),
                "max": filesizeformat(MAX_DOCUMENT_BYTES),
            },
            code="too_large",
        )
    signatures = _SIGNATURES.get(extension(file.name))
    if signatures is None:
        return  # the extension validator reports it
    # Only freshly uploaded files are read; a stored file was checked when it came in.
    if getattr(file, "_committed", True) and not hasattr(file, "content_type"):
        return
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(16)
    file.seek(position)
    if not any(head.startswith(s) for s in signatures):
        raise ValidationError(
            _("The file's content does not match its type (.%(ext)s)."),
            params={"ext": extension(file.name)},
            code="wrong_content",
        )
