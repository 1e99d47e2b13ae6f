"""Access classification of the reports URLs: managers (export_reports) and superusers."""

from tests.access import MANAGERS, Access

ACCESS = [
    Access("reports:usb", MANAGERS),
    Access(
        "reports:usb_download",
        MANAGERS,
        kwargs=lambda users: {"format": "csv"},
        query="period=year:2025",
    ),
    Access("reports:exports", MANAGERS),
]
