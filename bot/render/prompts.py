"""Replies that teach the grammar: usage with "did you mean" buttons, questions with one button per reading."""

from __future__ import annotations

from typing import Any

from slack_sdk.models.blocks import Block

from bot.commands import Choice, CommandSpec, Usage, grammar
from bot.i18n import Translator
from bot.render.actions import run_buttons
from bot.render.kit import esc, section


def usage_line(spec: CommandSpec, t: Translator) -> str:
    key = f"help.{spec.name}.usage"
    return t(key) if t.has(key) else f"/finops {spec.name} …"


def summary_line(spec: CommandSpec, t: Translator) -> str:
    if spec.planned:
        return t("help.planned")
    key = f"help.{spec.name}"
    return t(key) if t.has(key) else (spec.examples[0] if spec.examples else spec.name)


def usage_reply(usage: Usage, t: Translator) -> tuple[str, list[dict[str, Any]]]:
    text = t(usage.message_id, **usage.values)
    lines = [f":warning: {esc(text)}"]
    if usage.command:
        lines.append(t("usage.usage", usage=usage_line(grammar().spec(usage.command), t)))
    else:
        lines.append(t("usage.try_help"))
    blocks: list[Block] = [section("\n".join(lines))]
    if usage.suggestions:
        blocks.append(section(t("usage.did_you_mean")))
        blocks.append(run_buttons([(f"/finops {s}", s) for s in usage.suggestions]))
    fallback = text + (" " + t("usage.did_you_mean") + " " + ", ".join(f"/finops {s}" for s in usage.suggestions)
                       if usage.suggestions else "")
    return fallback, [b.to_dict() for b in blocks]


def choice_reply(choice: Choice, t: Translator) -> tuple[str, list[dict[str, Any]]]:
    question = t(choice.question_id, **choice.values)
    buttons = [(t(o.label_id, **o.values), o.run) for o in choice.options]
    blocks: list[Block] = [section(f":question: {esc(question)}"), run_buttons(buttons)]
    return question, [b.to_dict() for b in blocks]


def help_reply(topic: str | None, t: Translator) -> tuple[str, list[dict[str, Any]]]:
    if topic is not None:
        spec = grammar().spec(topic)
        lines = [f"*/finops {spec.name}* — {esc(summary_line(spec, t))}", t("usage.usage", usage=usage_line(spec, t))]
        if spec.examples:
            lines.append(t("help.examples") + "\n" + "\n".join(f"• `/finops {e}`" for e in spec.examples))
        if spec.aliases:
            lines.append(t("help.aliases", words=", ".join(f"`{a}`" for a in spec.aliases)))
        text = "\n".join(lines)
        return text, [section(text).to_dict()]
    lines = [t("help.intro")] + [f"• `/finops {s.name}` — {esc(summary_line(s, t))}" for s in grammar().specs]
    lines += [t("help.more"), t("help.mentions")]
    text = "\n".join(lines)
    return text, [section(text).to_dict()]
