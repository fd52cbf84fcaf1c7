import json

import pytest

from bot.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_demo_prints_the_last_30_days_answer(capsys):
    code, out, _ = run(capsys, "demo", "--as-of", "2026-11-25")
    assert code == 0
    assert "AWS costs · last 30 days" in out
    assert "Total: US$ " in out and "vs Sep 26, 2026 to Oct 25, 2026" in out
    assert "Top services" in out and "Share" in out
    assert "Biggest increases" in out and "Anomalies" in out and "EC2-Other" in out
    assert "Basis: amortized · credits and refunds excluded" in out


def test_demo_speaks_portuguese(capsys):
    code, out, _ = run(capsys, "demo", "--as-of", "2026-11-25", "--lang", "pt-BR")
    assert code == 0
    assert "Custos AWS · últimos 30 dias" in out and "Principais serviços" in out
    assert "Base: amortizado" in out


def test_costs_json_is_machine_readable(capsys):
    code, out, _ = run(capsys, "costs", "mtd", "--as-of", "2026-11-25", "--format", "json", "--by", "account")
    assert code == 0
    doc = json.loads(out)
    assert doc["period"] == {"start": "2026-11-01", "end": "2026-11-26"}
    assert doc["group_by"] == "account"


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["costs", "lastt-30d"], "Did you mean `last-30d`?"),
        (["costs", "last-30d", "--basis", "amortised"], "Did you mean `amortized`?"),
        (["costs", "last-30d", "--by", "colour"], "Use service, account, region, tag:KEY"),
        (["costs", "last-30d", "--lang", "fr"], "Use en or pt-BR"),
    ],
)
def test_bad_input_gets_one_clear_line_and_exit_2(capsys, argv, fragment):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert fragment in err and "Traceback" not in err
    assert out == ""


def test_every_command_has_help(capsys):
    from bot.cli import build_parser

    commands = build_parser()._subparsers._group_actions[0].choices
    for name in commands:
        with pytest.raises(SystemExit) as exit_info:
            main([name, "--help"])
        assert exit_info.value.code == 0
        assert "usage: finops" in capsys.readouterr().out
