from datetime import datetime

from ninja import Field, Schema


class CodeOut(Schema):
    type: str
    status: str
    seq: int
    payload: str
    not_before: datetime
    expires_at: datetime
    masked_name: str
    place: str


class VerifyIn(Schema):
    # Generous bound: the verifier itself refuses anything longer than a code can be.
    payload: str = Field(..., max_length=20000)
    checkpoint: int | None = None


class VerifyOut(Schema):
    result: str
    reason: str
    detail: str = ""
    message: str = ""
    type: str = ""
    status: str = ""
    masked_name: str = ""
    place: str = ""
    expires_at: int | None = None
    checkpoint: str = ""


class TravelIn(Schema):
    valid_from: datetime
    valid_until: datetime
    purpose: str = Field("", max_length=100)


class CheckpointOut(Schema):
    id: int
    kind: str
    name: str
