"""The sent versions of a reporting period's document, for the period's page (planning)."""

from django import template

from planning.models import ReportingPeriod
from reports.models import DocumentVersion

register = template.Library()


@register.inclusion_tag("reports/_document_versions.html")
def document_versions(period: ReportingPeriod) -> dict:
    return {"period": period, "versions": list(DocumentVersion.objects.for_period(period.pk))}
