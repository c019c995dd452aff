"""GeoReport v2 documents as HTTP responses: JSON by Django's JsonResponse, XML by the standard
library's ElementTree (which escapes text), both UTF-8 as the spec requires.

The XML follows the spec's examples: a list is an element holding one child per item, named
by LIST_ITEMS (services/service, service_requests/request, ...); JSON is the same document by
the Spark convention (lists as arrays, true/false as booleans, empty values as null).
"""

import re
import xml.etree.ElementTree as ET

from django.http import HttpResponse, JsonResponse

JSON_TYPE = "application/json; charset=utf-8"
XML_TYPE = "text/xml; charset=utf-8"
XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'
LIST_ITEMS = {
    "services": "service",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
    "service_requests": "request",
    "errors": "error",
}
# Characters XML 1.0 cannot hold even escaped (most control characters); dropped from text.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return NOT_XML.sub("", str(value))


def _element(tag: str, value) -> ET.Element:
    node = ET.Element(tag)
    if isinstance(value, dict):
        for key, item in value.items():
            node.append(_element(key, item))
    elif isinstance(value, list):
        for item in value:
            node.append(_element(LIST_ITEMS[tag], item))
    else:
        node.text = _text(value)
    return node


def xml_bytes(root: str, document) -> bytes:
    return XML_DECLARATION + ET.tostring(_element(root, document), encoding="unicode").encode()


def respond(fmt: str, root: str, document, *, status: int = 200) -> HttpResponse:
    if fmt == "json":
        return JsonResponse(
            document,
            safe=False,
            status=status,
            content_type=JSON_TYPE,
            json_dumps_params={"ensure_ascii": False},
        )
    return HttpResponse(xml_bytes(root, document), status=status, content_type=XML_TYPE)


def errors(fmt: str, status: int, description) -> HttpResponse:
    """The spec's error document; its code is the HTTP status, as the spec's example has it."""
    document = [{"code": status, "description": str(description)}]
    return respond(fmt, "errors", document, status=status)
