"""Eval results for people: a Markdown table and a bar chart per category."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from assistant.evaluation.harness import EvalRun, threshold_sweep

COLUMNS = (
    ("hit1", "hit@1"), ("hit5", "hit@5"), ("mrr10", "MRR@10"), ("ndcg10", "nDCG@10"),
    ("fact_accuracy", "key facts"), ("all_facts", "all facts"), ("citation_precision", "cite P"),
    ("citation_recall", "cite R"),
    ("refusal_precision", "refuse P"), ("refusal_recall", "refuse R"), ("false_refusal_rate", "false refuse"),
)
CHART_METRICS = (("hit5", "hit@5"), ("fact_accuracy", "key facts"), ("citation_precision", "cite P"))


def _row(name: str, values: dict[str, float]) -> str:
    cells = [f"{values.get(key, 0.0):.3f}" for key, _ in COLUMNS]
    return f"| {name} | {int(values.get('questions', 0))} | " + " | ".join(cells) + " |"


def run_table(run: EvalRun) -> str:
    header = "| category | n | " + " | ".join(label for _, label in COLUMNS) + " |"
    rule = "|" + "---|" * (len(COLUMNS) + 2)
    lines = [header, rule]
    lines.extend(_row(name, values) for name, values in run.categories.items())
    lines.append(_row("**all**", run.overall))
    return "\n".join(lines)


def markdown_report(runs: Sequence[EvalRun], command: str) -> str:
    parts = [f"# Eval report\n\nCommand: `{command}`\n"]
    for run in runs:
        o = run.overall
        parts.append(
            f"## retriever `{run.retriever}`, embedder `{run.embedder}`\n\n"
            f"Load {run.load_seconds:.2f} s; latency p50 {o['latency_p50_ms']:.1f} ms, "
            f"p95 {o['latency_p95_ms']:.1f} ms (warm). Answer metrics over answerable questions; "
            "refusal metrics over all.\n\n" + run_table(run) + "\n"
        )
    if len(runs) > 1:
        labels = " | ".join(label for _, label in COLUMNS)
        parts.append(f"## Side by side (all questions)\n\n| retriever | {labels} |")
        parts.append("|---|" + "---|" * len(COLUMNS))
        for run in runs:
            parts.append(f"| {run.retriever} | " + " | ".join(f"{run.overall[k]:.3f}" for k, _ in COLUMNS) + " |")
    parts.append(sweep_table(runs[-1]))
    return "\n".join(parts) + "\n"


def sweep_table(run: EvalRun) -> str:
    """Refusal trade-off per threshold, the measurement the configured thresholds come from."""
    lines = [f"\n## Refusal threshold sweep (retriever `{run.retriever}`)\n",
             "| lang | threshold | refusal precision | refusal recall | false refusals |", "|---|---|---|---|---|"]
    grids = {"zh": [x / 100 for x in range(20, 62, 4)], "en": [x / 100 for x in range(6, 34, 4)]}
    for lang, grid in grids.items():
        for row in threshold_sweep(run.results, lang, grid):
            lines.append(f"| {lang} | {row['threshold']:.2f} | {row['refusal_precision']:.3f} | "
                         f"{row['refusal_recall']:.3f} | {row['false_refusal_rate']:.3f} |")
    return "\n".join(lines)


def bar_chart(runs: Sequence[EvalRun], path: Path) -> None:
    """One panel per metric, categories on the x axis, one bar per retriever."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    categories = [c for c in runs[0].categories if c != "unanswerable"] + ["all"]
    fig, axes = plt.subplots(len(CHART_METRICS), 1, figsize=(11, 3.2 * len(CHART_METRICS)), sharex=True)
    width = 0.8 / len(runs)
    for ax, (key, label) in zip(axes, CHART_METRICS, strict=True):
        for i, run in enumerate(runs):
            values = [(run.overall if c == "all" else run.categories.get(c, {})).get(key, 0.0) for c in categories]
            ax.bar([x + i * width for x in range(len(categories))], values, width, label=run.retriever)
        ax.set_ylim(0, 1.05)
        ax.set_ylabel(label)
        ax.grid(axis="y", alpha=0.3)
    axes[0].legend(ncol=len(runs), loc="lower right")
    axes[-1].set_xticks([x + width * (len(runs) - 1) / 2 for x in range(len(categories))], categories, rotation=20)
    fig.suptitle("Eval by category (answerable questions)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
