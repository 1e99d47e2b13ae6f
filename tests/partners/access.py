"""Access classification of the partner pages."""

from django.core.files.base import ContentFile

from tests.access import COORDINATORS, OPERATIONS, Access, expect
from tests.partners.factories import (
    AgreementFactory,
    ContactFactory,
    OrganisationFactory,
    OutreachSessionFactory,
    ServiceFactory,
)

EDIT = COORDINATORS


def _organisation(users):
    return {"pk": OrganisationFactory().pk}


def _org_pk(users):
    return {"org_pk": OrganisationFactory().pk}


def _contact(users):
    return {"pk": ContactFactory().pk}


def _agreement(users):
    return {"pk": AgreementFactory().pk}


def _agreement_with_document(users):
    agreement = AgreementFactory()
    agreement.document.save("aftale.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    return {"pk": agreement.pk}


def _session(users):
    return {"pk": OutreachSessionFactory().pk}


def _service(users):
    return {"pk": ServiceFactory().pk}


ACCESS = [
    Access("partners:directory", OPERATIONS),
    Access("partners:find", OPERATIONS),
    Access("partners:organisation", OPERATIONS, kwargs=_organisation),
    Access("partners:agreement_document", OPERATIONS, kwargs=_agreement_with_document),
    Access("partners:organisation_create", EDIT),
    Access("partners:organisation_update", EDIT, kwargs=_organisation),
    Access("partners:organisation_delete", EDIT, kwargs=_organisation),
    Access("partners:contact_create", EDIT, kwargs=_org_pk),
    Access("partners:contact_update", EDIT, kwargs=_contact),
    Access("partners:contact_delete", EDIT, kwargs=_contact),
    Access("partners:agreement_create", EDIT, kwargs=_org_pk),
    Access("partners:agreement_update", EDIT, kwargs=_agreement),
    Access("partners:agreement_delete", EDIT, kwargs=_agreement),
    Access("partners:session_create", EDIT, kwargs=_org_pk),
    Access("partners:session_update", EDIT, kwargs=_session),
    Access("partners:session_delete", EDIT, kwargs=_session),
    Access("partners:service_create", EDIT),
    Access("partners:service_update", EDIT, kwargs=_service),
    # A POST to delete by someone who may not: refused, nothing deleted.
    Access(
        "partners:organisation_delete",
        expect(coordinator="ok"),
        kwargs=_organisation,
        method="post",
    ),
]
