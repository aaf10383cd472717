"""Fixtures for the account tests: a privacy policy page, a verified learner."""

import pytest
from allauth.account.models import EmailAddress

LEARNER_EMAIL = "ewa.nowak@example.org"
LEARNER_PASSWORD = "Mikrogranty-2024!"


@pytest.fixture
def privacy_page(home_page):
    from home.models import StandardPage

    return home_page.add_child(
        instance=StandardPage(title="Polityka prywatności", slug="polityka-prywatnosci", intro="Dane.")
    )


@pytest.fixture
def learner(db, django_user_model):
    """A learner who signed up and verified their email address."""
    user = django_user_model.objects.create_user(
        "ewa", LEARNER_EMAIL, LEARNER_PASSWORD, display_name="Ewa Nowak", organisation_type="ngo"
    )
    EmailAddress.objects.create(user=user, email=LEARNER_EMAIL, verified=True, primary=True)
    return user


@pytest.fixture
def learner_client(client, learner):
    client.force_login(learner)
    return client
