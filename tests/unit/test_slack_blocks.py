"""Block Kit: the same figures as the text view, inside Slack's limits (split, never refused)."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from slack_sdk.models.blocks import Block

from analysis.pipeline.contracts import AnalysisRequest
from analysis.pipeline.local import LocalPipeline
from analysis.service import CostAnalysis
from analysis.sources.demo import DemoCostSource
from analysis.state import MemoryStateStore
from bot.render.blocks import cost_blocks
from bot.render.cost_view import build_cost_view
from bot.render.limits import MARKDOWN_TEXT, MAX_BLOCKS, SECTION_TEXT, fit_messages, split_text
from bot.render.names import service_label
from bot.render.text import render_text
from bot.render.transcript import blocks_to_text

FIGURE = re.compile(r"[+−]?US\$ [\d,]+\.\d{2}|[+−]?\d+\.\d%")


@pytest.fixture(scope="module")
def report():
    state = MemoryStateStore()
    analysis = CostAnalysis(state, LocalPipeline(state, DemoCostSource()))
    return analysis.answer(AnalysisRequest(period="last-30d", as_of=date(2026, 11, 15), group_by="region"))


@pytest.mark.parametrize("language", ["en", "pt-BR"])
def test_blocks_and_text_show_the_same_figures(report, language):
    view = build_cost_view(report, language, service_label=service_label)
    text_figures = set(FIGURE.findall(render_text(view)))
    block_figures = set(FIGURE.findall(json.dumps(cost_blocks(view, query="costs last-30d by region"),
                                                  ensure_ascii=False)))
    assert text_figures and text_figures == block_figures


def test_every_block_is_valid_for_slack(report):
    blocks = cost_blocks(build_cost_view(report, "en", service_label=service_label), query="costs")
    for block in blocks:
        Block.parse(block).validate_json()  # slack_sdk's own limits (fields, text lengths)
    assert len(blocks) <= MAX_BLOCKS


def test_the_top_view_shows_only_the_breakdown_asked_for(report):
    view = build_cost_view(report, "en", service_label=service_label)
    text = blocks_to_text(cost_blocks(view, query="top by region", kind="top"))
    assert "By region" in text and "Top services" not in text and "Biggest increases" not in text


def test_long_sections_markdown_and_headers_are_split_or_trimmed_without_losing_text():
    long_line = "x" * 7000
    lines = "\n".join(f"line {n} " + "y" * 50 for n in range(200))
    blocks = [
        {"type": "header", "text": {"type": "plain_text", "text": "H" * 400}},
        {"type": "section", "text": {"type": "mrkdwn", "text": lines}},
        {"type": "section", "text": {"type": "mrkdwn", "text": long_line}},
        {"type": "markdown", "text": "m" * 30000},
        {"type": "section", "fields": [{"type": "mrkdwn", "text": str(n)} for n in range(25)]},
    ] + [{"type": "divider"}] * 60
    messages = fit_messages(blocks)
    flat = [b for m in messages for b in m]
    assert all(len(m) <= MAX_BLOCKS for m in messages)
    assert all(sum(len(b["text"]) for b in m if b["type"] == "markdown") <= MARKDOWN_TEXT for m in messages)
    assert len(flat) == 74 and len(messages) == 4  # 30,000 characters of markdown need three messages
    assert len(flat[0]["text"]["text"]) == 150
    sections = [b for b in flat if b["type"] == "section" and "text" in b]
    assert all(len(b["text"]["text"]) <= SECTION_TEXT for b in sections)
    assert "".join(b["text"]["text"] for b in sections) == lines + long_line
    markdown = [b["text"] for b in flat if b["type"] == "markdown"]
    assert all(len(m) <= MARKDOWN_TEXT for m in markdown) and "".join(markdown) == "m" * 30000
    fields = [b["fields"] for b in flat if b.get("fields")]
    assert [len(f) for f in fields] == [10, 10, 5]


def test_split_text_cuts_at_line_ends_when_it_can():
    assert split_text("ab\ncd\nef", 4) == ["ab\n", "cd\n", "ef"]
    assert split_text("ab\ncd\nef", 5) == ["ab\n", "cd\nef"]
    assert split_text("abcdefgh", 3) == ["abc", "def", "gh"]
    assert split_text("", 3) == [""]
