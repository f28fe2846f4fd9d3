"""One form per kind of item, generated from its description; the API validates with
the same forms, so each field's rules are written once."""

from __future__ import annotations

import functools
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from ritsen.collaborations.access import Access, Perm
from ritsen.collaborations.models import Party

from .registers import registry
from .registers.base import ItemKind, Owner, RegisterItem
from .services import may_edit


class UserChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class ItemForm(forms.ModelForm):
    kind: ItemKind

    def __init__(self, *args: Any, access: Access, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.access = access
        collaboration = access.collaboration
        for name, field in list(self.fields.items()):
            model_field = self.kind.model._meta.get_field(name)
            related = getattr(model_field, "related_model", None)
            if related is Party:
                queryset = Party.objects.filter(collaboration=collaboration).select_related(
                    "organisation"
                )
                if self.kind.owner is Owner.PARTY and name == self.kind.party_field:
                    allowed = [p.pk for p in access.parties() if may_edit(access, self.kind, p)]
                    queryset = queryset.filter(pk__in=allowed)
                    if access.party is not None and access.party.pk in allowed:
                        field.initial = access.party.pk
                field.queryset = queryset  # type: ignore[attr-defined]
            elif related is not None and issubclass(related, RegisterItem):
                field.queryset = self._items(name, related)  # type: ignore[attr-defined]
            elif related is get_user_model():
                self.fields[name] = UserChoice(
                    queryset=get_user_model()
                    .objects.filter(
                        memberships__collaboration=collaboration,
                        memberships__party__isnull=False,
                    )
                    .order_by("name", "email"),
                    required=False,
                    label=field.label,
                    help_text=field.help_text,
                )
        if "link_key" in self.fields:
            spec = collaboration.framework.spec
            self.fields["link_key"] = forms.ChoiceField(
                label=_("Link"), choices=[(link.key, str(link.name)) for link in spec.links]
            )
        for field in self.fields.values():
            if isinstance(field.widget, forms.DateInput):
                field.widget.input_type = "date"

    def _items(self, name: str, model: type[RegisterItem]) -> Any:
        """Another kind's items to choose from: this collaboration's, those this person
        sees — and, where the chosen item decides whose this one is (a strategic goal's
        relation: its party), only items of parties this person edits for."""
        from . import selectors

        kind = next(k for k, _r in registry.kinds() if k.model is model)
        query = selectors.items(self.access, kind)
        if self.kind.owner is Owner.PARTY and self.kind.party_field.startswith(f"{name}."):
            allowed = [p.pk for p in self.access.parties() if may_edit(self.access, self.kind, p)]
            query = query.filter(**{f"{self.kind.party_lookup.split('__', 1)[1]}__in": allowed})
        return query

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        sides = data.get("from_party"), data.get("to_party")
        if sides[0] is not None and sides[0] == sides[1]:
            self.add_error("to_party", _("An agreement is between two different parties."))
        owner, party = data.get("owner"), data.get("owner_party")
        if owner is not None and party is not None:
            if not owner.memberships.filter(party=party).exists():
                self.add_error("owner", _("This person is not one of the owner party's people."))
        return data


@functools.cache
def form_for(kind: ItemKind) -> type[ItemForm]:
    return forms.modelform_factory(  # type: ignore[return-value]
        kind.model, form=type(f"{kind.key}Form", (ItemForm,), {"kind": kind}), fields=kind.fields
    )


__all__ = ["ItemForm", "Perm", "form_for"]
