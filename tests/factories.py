import factory
from django.contrib.auth import get_user_model

from ritsen.collaborations.constants import PartyRole, Role
from ritsen.collaborations.models import Collaboration, Membership, Organisation, Party
from ritsen.frameworks.services import ensure_default_framework


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    name = factory.Faker("name", locale="nl_NL")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisatie {n}")


class CollaborationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Collaboration

    name = factory.Sequence(lambda n: f"Samenwerking {n}")
    purpose = "Samen een betere dienstverlening voor inwoners."
    framework = factory.LazyFunction(ensure_default_framework)


class PartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Party

    collaboration = factory.SubFactory(CollaborationFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = PartyRole.PARTNER


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    collaboration = factory.SubFactory(CollaborationFactory)
    party = None
    role = Role.FACILITATOR
