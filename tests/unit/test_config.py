"""Settings: one declaration, overridden by eventmap.toml, environment and flags, with clear errors."""

from __future__ import annotations

import pytest

from eventmap.cli import make_parser
from eventmap.config import Settings, load_settings, setting_help
from eventmap.errors import ConfigError


def test_precedence_file_env_flag(tmp_path, monkeypatch) -> None:
    cfg = tmp_path / "eventmap.toml"
    cfg.write_text('batch_size = 4\nmodel = "x_model"\n', encoding="utf-8")
    monkeypatch.setenv("EVENTMAP_BATCH_SIZE", "8")
    s = load_settings(cfg)
    assert (s.model, s.batch_size) == ("x_model", 8)
    assert load_settings(cfg, batch_size=2).batch_size == 2


def test_bad_values_and_unknown_keys_are_explained(tmp_path, monkeypatch) -> None:
    cfg = tmp_path / "eventmap.toml"
    cfg.write_text("batchsize = 4\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown setting 'batchsize'"):
        load_settings(cfg)
    monkeypatch.setenv("EVENTMAP_MAX_CHARS", "lots")
    with pytest.raises(ConfigError, match="max_chars"):
        load_settings(tmp_path / "none.toml")


def test_every_cli_setting_has_a_flag_with_its_default_in_help() -> None:
    parser = make_parser()
    build = parser._subparsers._group_actions[0].choices["build"]  # type: ignore[union-attr]
    flags = {a.dest: a for a in build._actions}
    for name, (_, default, help_text, on_cli) in setting_help().items():
        assert help_text, name
        if on_cli:
            assert name in flags, name
            assert f"default: {default}" in flags[name].help
    assert Settings().executor == "local"
