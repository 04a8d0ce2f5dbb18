import pytest

from config import env


def test_boolean_reads_common_spellings(monkeypatch):
    for value, expected in [
        ("1", True),
        ("yes", True),
        ("TRUE", True),
        ("0", False),
        ("off", False),
    ]:
        monkeypatch.setenv("BAWABA_TEST_FLAG", value)
        assert env.boolean("BAWABA_TEST_FLAG") is expected


def test_boolean_refuses_nonsense(monkeypatch):
    monkeypatch.setenv("BAWABA_TEST_FLAG", "maybe")
    with pytest.raises(env.ImproperlyConfiguredEnv):
        env.boolean("BAWABA_TEST_FLAG")


def test_integer_and_list(monkeypatch):
    monkeypatch.setenv("BAWABA_TEST_NUMBER", "42")
    monkeypatch.setenv("BAWABA_TEST_LIST", "a.example, b.example,,")
    assert env.integer("BAWABA_TEST_NUMBER", 0) == 42
    assert env.string_list("BAWABA_TEST_LIST") == ["a.example", "b.example"]
    monkeypatch.setenv("BAWABA_TEST_NUMBER", "forty")
    with pytest.raises(env.ImproperlyConfiguredEnv):
        env.integer("BAWABA_TEST_NUMBER", 0)


def test_required_names_the_missing_variable(monkeypatch):
    monkeypatch.delenv("BAWABA_TEST_MISSING", raising=False)
    with pytest.raises(env.ImproperlyConfiguredEnv, match="BAWABA_TEST_MISSING"):
        env.required("BAWABA_TEST_MISSING")
