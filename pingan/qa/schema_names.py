"""Schema classes that would share one name in the OpenAPI document.

django-ninja files every request and response schema under components/schemas by its class
name, and a later class silently replaces an earlier one of the same name (its
add_schema_definitions does not check). Two apps each defining `EventOut` thus made one app's
operations point at the other's schema, and their answers broke their own document.
"""

import typing

from pydantic import BaseModel


def _models(annotation, found: set[type[BaseModel]]) -> None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation in found:
            return
        found.add(annotation)
        for field in annotation.model_fields.values():
            _models(field.annotation, found)
        return
    for argument in typing.get_args(annotation):
        _models(argument, found)


def api_models(api) -> set[type[BaseModel]]:
    """Every schema class an operation of `api` takes or answers with, nested ones included."""
    found: set[type[BaseModel]] = set()
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                # ninja wraps each answer and groups the parameters in generated holder
                # classes, which are never filed by name; what they hold is.
                for wrapper in (operation.response_models or {}).values():
                    if isinstance(wrapper, type) and issubclass(wrapper, BaseModel):
                        _models(wrapper.model_fields["response"].annotation, found)
                for holder in operation.models:
                    for field in holder.model_fields.values():
                        _models(field.annotation, found)
    return found


def clashing_names(api) -> dict[str, list[str]]:
    """{name: [module.Class, ...]} for every name more than one class would be filed under."""
    by_name: dict[str, list[type]] = {}
    for model in api_models(api):
        by_name.setdefault(model.__name__, []).append(model)
    return {
        name: sorted(f"{m.__module__}.{m.__qualname__}" for m in models)
        for name, models in by_name.items()
        if len(models) > 1
    }
