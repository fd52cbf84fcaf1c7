"""The README's table of waste checks, generated from the rule data (`python -m analysis.checks.docs`)."""

from __future__ import annotations

from analysis.checks.registry import FAMILIES, RECOMMENDATIONS, all_rules, family_of_check

START, END = "<!-- waste-checks:start -->", "<!-- waste-checks:end -->"


def checks_markdown() -> str:
    lines = ["| id | family | what it flags | monthly saving |", "|---|---|---|---|"]
    for rule in all_rules():
        lines.append(f"| `{rule.check_id}` | {family_of_check(rule.check_id)} | {rule.title}: {rule.condition} "
                     f"| {rule.saving_formula} |")
    for family in RECOMMENDATIONS:
        lines.append(f"| `{family.name}` | {family.name} | {family.description} | AWS's own estimate |")
    return "\n".join(lines)


def readme_section() -> str:
    return f"{START}\n{checks_markdown()}\n{END}"


if __name__ == "__main__":
    print(readme_section())
    print(f"\n{len(all_rules())} rules in {len(FAMILIES) - len(RECOMMENDATIONS)} families")
