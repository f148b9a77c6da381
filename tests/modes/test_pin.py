"""The staff PIN: a salted scrypt record, a constant-time check, and retries slowed down."""

import hashlib
import hmac
import io

import pytest

from app.modes import pin as pin_module
from app.modes.pin import PinError, PinGate, PinRecord, PinResult, hash_pin, read_new_pin, verify_pin

FAST = {"n": 2**10}  # the tests' own cost; the default is 2**14


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def record():
    return hash_pin("482916", **FAST)


def test_the_record_holds_everything_needed_to_check_it(record):
    assert record.algorithm == "scrypt" and (record.n, record.r, record.p) == (2**10, 8, 1)
    assert verify_pin(record, "482916")
    assert not verify_pin(record, "482917")
    again = PinRecord.model_validate(record.model_dump())  # as read back from the config
    assert verify_pin(again, "482916")


def test_each_hash_gets_its_own_salt():
    a, b = hash_pin("1234", **FAST), hash_pin("1234", **FAST)
    assert a.salt != b.salt and a.hash != b.hash


def test_the_default_cost_is_the_standard_scrypt_one():
    record = hash_pin("1234")
    assert (record.n, record.r, record.p) == (2**14, 8, 1)
    assert verify_pin(record, "1234")


def test_the_check_is_constant_time(record, monkeypatch):
    calls, compare = [], hmac.compare_digest
    monkeypatch.setattr(pin_module.hmac, "compare_digest", lambda a, b: calls.append((a, b)) or compare(a, b))
    verify_pin(record, "000000")
    assert len(calls) == 1


def test_a_record_with_a_larger_cost_still_checks():
    """The parameters are in the record, so raising the default later keeps old PINs working."""
    import base64

    salt = b"s" * 16
    digest = hashlib.scrypt(b"9999", salt=salt, n=2**11, r=4, p=2, dklen=32)
    record = PinRecord(n=2**11, r=4, p=2, salt=base64.b64encode(salt).decode(), hash=base64.b64encode(digest).decode())
    assert verify_pin(record, "9999")


@pytest.mark.parametrize("bad", ["", "123", "12345678901234", "12a4", "١٢٣٤٥"])
def test_a_pin_is_four_to_twelve_digits(bad):
    with pytest.raises(PinError, match="4 to 12 digits"):
        hash_pin(bad)


@pytest.mark.parametrize(
    ("field", "value"), [("n", 1000), ("salt", "not base64!"), ("hash", "c2hvcnQ="), ("algorithm", "md5"), ("extra", 1)]
)
def test_a_broken_record_is_refused(record, field, value):
    with pytest.raises(ValueError):
        PinRecord.model_validate({**record.model_dump(), field: value})


def test_the_gate_lets_the_right_pin_through(record):
    gate = PinGate(record, clock=Clock())
    assert gate.try_pin("482916") is PinResult.ACCEPTED


def test_wrong_pins_are_refused_and_each_retry_waits_longer(record):
    clock = Clock()
    gate = PinGate(record, clock=clock, first_delay_s=1, max_delay_s=8)
    waits = []
    for _ in range(5):
        assert gate.try_pin("000000") is PinResult.REFUSED
        waits.append(gate.wait_s())
        assert gate.try_pin("482916") is PinResult.WAIT  # even the right PIN is not heard yet
        clock.now += gate.wait_s()
    assert waits == [1, 2, 4, 8, 8]
    assert gate.try_pin("482916") is PinResult.ACCEPTED
    assert gate.failures == 0 and gate.wait_s() == 0
    assert gate.try_pin("000000") is PinResult.REFUSED and gate.wait_s() == 1  # the count started over


def test_without_a_pin_nothing_opens(record):
    gate = PinGate(None, clock=Clock())
    assert not gate.has_pin
    assert gate.try_pin("482916") is PinResult.NO_PIN


def test_a_new_pin_is_typed_twice():
    answers = iter(["135790", "135790"])
    assert read_new_pin(False, ask=lambda _prompt: next(answers)) == "135790"
    answers = iter(["135790", "135791"])
    with pytest.raises(PinError, match="differ"):
        read_new_pin(False, ask=lambda _prompt: next(answers))


def test_a_new_pin_from_stdin():
    assert read_new_pin(True, stdin=io.StringIO("246810\n")) == "246810"
    with pytest.raises(PinError):
        read_new_pin(True, stdin=io.StringIO(""))


@pytest.mark.parametrize(("n", "r"), [(2**20, 8), (2**20, 32), (2**16, 1), (2**20, 1), (2**18, 32)])
def test_a_record_scrypt_would_refuse_is_refused_when_read(record, n, r):
    """Issue 25, defect 8: n·r ≥ 2**23 raised `ValueError: maxmem` on every try, so staff could never leave."""
    with pytest.raises(ValueError, match=r"n must be below|n·r is"):
        PinRecord.model_validate({**record.model_dump(), "n": n, "r": r})


def test_the_config_refuses_such_a_record_with_a_line_naming_it(record, tmp_path, caplog):
    from app.modes.config import KioskConfig, dump_kiosk_config, load_kiosk_config

    path = tmp_path / "kiosk.toml"
    path.write_text(
        dump_kiosk_config(KioskConfig(pin=record)).replace(f"n = {record.n}", f"n = {2**20}"), encoding="utf-8"
    )
    assert load_kiosk_config(path).pin is None
    assert "n·r is 8388608" in caplog.text and str(path) in caplog.text


@pytest.mark.parametrize(("n", "r", "p"), [(2**15, 1, 16), (2**10, 32, 16), (2**12, 32, 1)])
def test_records_at_the_edges_of_what_is_accepted_check(n, r, p):
    made = hash_pin("482916", n=n, r=r, p=p)
    assert verify_pin(made, "482916") and not verify_pin(made, "482917")
