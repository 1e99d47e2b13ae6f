"""The reports app's part in sending a period to USB, found by the planning app through
core.registry.app_modules("sending") so that planning imports nothing of reports: the
document the committee receives is frozen in the transaction that marks the period sent."""

from reports.services import send_period

__all__ = ["send_period"]
