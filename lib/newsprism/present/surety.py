""""How sure is this?": what the report's findings rest on, in plain words for a teacher and students.

Three things, each from a file that says where its figures come from: how often each kind of finding in
this run was right when such findings were checked by hand (``data/finding_precision.csv``), how well
the building blocks (quotes, their speakers, entities) score on news others annotated
(``data/measured_quality.csv``), and how many findings this run set aside because the articles' own
text did not bear them out. Every string that reaches HTML is escaped here.
"""

from __future__ import annotations

import html
from collections import Counter

import pandas as pd

from newsprism.compare.findings import TRUSTED_PRECISION, trusted
from newsprism.text.datafiles import read_data_csv
from newsprism.text.rows import records

__all__ = ["building_blocks", "kind_precision", "plain_share", "surety_html"]

# Below this many cases a figure is said as a count ("2 of 8"): "about 3 in 10" would hide how few there were.
_FEW = 20
UNMEASURED = "Not measured yet: read the evidence."
KIND_COLUMNS = ["kind", "name", "findings", "correct", "checked", "precision", "check_this", "how_sure"]


def plain_share(value: float, count: int | None = None) -> str:
    """A share in words a student reads at a glance: "about 9 in 10", or "2 of 8" when the cases are few.

    >>> plain_share(0.908), plain_share(0.25, 8), plain_share(1.0, 11), plain_share(0.97)
    ('about 9 in 10', '2 of 8', 'all 11', 'nearly all')
    """
    if count and count < _FEW:
        right = round(value * count)
        return f"all {count}" if right == count else f"none of the {count}" if right == 0 else f"{right} of {count}"
    # Rounded half up, so that 0.25 reads "about 3 in 10" and never "about 2 in 10".
    tenths = int(value * 10 + 0.5)
    if tenths >= 10:
        return "all" if value >= 1 else "nearly all"
    if tenths <= 0:
        return "none" if value <= 0 else "almost none"
    return f"about {tenths} in 10"


def _count(text: str) -> int | None:
    return int(text) if str(text).strip().isdigit() else None


def _cases(count: object) -> str:
    return f"; {count} cases" if isinstance(count, int) else ""


def building_blocks() -> pd.DataFrame:
    """The measured quality of quotes, quote speakers and entities, each with a plain sentence.

    Columns: those of ``data/measured_quality.csv`` (``block``, ``measure``, ``value`` as a float,
    ``count`` as a number or None, ``what_it_means``, ``measured_on``, ``command``) and ``sentence``:
    ``what_it_means`` with the figure in words, capitalised.

    >>> blocks = building_blocks()
    >>> set(blocks.block) >= {"Quote speakers", "Quotes", "Entities"}
    True
    >>> "{share}" in " ".join(blocks.sentence)
    False
    """
    measured = read_data_csv("measured_quality")
    rows = _block_rows(measured)
    table = pd.DataFrame(rows, columns=[*measured.columns, "sentence"])
    # Plain ints or None (not floats with NaN), so that "8 cases" never reads "8.0 cases".
    table["count"] = pd.Series([row["count"] for row in rows], index=table.index, dtype=object)
    return table


def _block_rows(measured: pd.DataFrame) -> list[dict]:
    """The rows of :func:`building_blocks` as dicts (what each story's page lists), from ``measured``."""
    rows = records(measured)
    for row in rows:
        row["value"], row["count"] = float(row["value"]), _count(row["count"])
        sentence = row["what_it_means"].replace("{share}", plain_share(row["value"], row["count"]))
        row["sentence"] = sentence[:1].upper() + sentence[1:]
    return rows


def _kind_names() -> dict[str, str]:
    table = read_data_csv("finding_kinds")
    return dict(zip(table["kind"], table["name"]))


def kind_precision(findings: pd.DataFrame) -> pd.DataFrame:
    """Per kind of finding in ``findings`` (its ``measured_as``), how often that kind was right by hand.

    One row per kind: the kinds to check first, then the other measured kinds, then the unmeasured
    ones, each group in the order the findings first show them; findings whose kind is not named
    (``measured_as`` empty or missing) share one last row, kind "". Columns: ``kind``, ``name``
    (plain name), ``findings`` (how many in this run), ``correct`` and ``checked`` (from
    ``data/finding_precision.csv``; 0 when not measured), ``precision`` (None when not measured),
    ``check_this`` (measured below the share the report trusts, 90%) and ``how_sure`` (one sentence).

    >>> f = pd.DataFrame({"measured_as": ["scare_quote", "", "count_contrast", "scare_quote"]})
    >>> kind_precision(f)[["kind", "findings", "check_this"]].values.tolist()
    [['scare_quote', 2, True], ['count_contrast', 1, False], ['', 1, False]]
    >>> kind_precision(f).how_sure.iloc[1]
    'Not measured yet: read the evidence.'
    """
    return pd.DataFrame(_kind_rows(findings), columns=KIND_COLUMNS)


def _kind_rows(findings: pd.DataFrame) -> list[dict]:
    """The rows of :func:`kind_precision` as dicts (what each story's page lists)."""
    kinds = (findings["measured_as"] if "measured_as" in findings else pd.Series("", index=findings.index))
    kinds = kinds.fillna("").astype(str).str.strip().tolist()
    # The hand-check figures as plain rows by kind: a story page asks for a few kinds, hundreds of times a corpus.
    precision = {row["kind"]: row for row in records(read_data_csv("finding_precision"))}
    names = _kind_names()
    counts = Counter(kinds)
    named = [k for k in dict.fromkeys(kinds) if k]

    def unseen(kind: str) -> bool:  # the file's "unseen" column, when it has one, says "no" for kinds seen while writing rules
        return kind not in precision or precision[kind].get("unseen", "") != "no"

    def figures(kind: str) -> tuple[int, int]:
        row = precision.get(kind)
        return (int(row["correct"]), int(row["checked"])) if row is not None else (0, 0)

    # Kinds to check first, then the other measured kinds, then the unmeasured ones; findings with no
    # kind last. Within each group, the order the findings show them.
    measured = {}
    for kind in named:
        correct, checked = figures(kind)
        if checked:
            measured[kind] = trusted(correct, checked, unseen(kind))
    order = sorted(named, key=lambda k: (k not in measured or measured[k], k not in measured))
    order += [""] if "" in counts else []
    rows = []
    for kind in order:
        name = (names.get(kind) or kind.replace("_", " ").capitalize()) if kind else "Other findings (not sorted into kinds yet)"
        correct, checked = figures(kind)
        share = correct / checked if checked else None
        how_sure = UNMEASURED
        if checked:
            plural = "findings" if checked != 1 else "finding"
            how_sure = (f"When we checked {checked} {plural} of this kind by hand "
                        f"({precision[kind]['measured_on']}), {correct} {'was' if correct == 1 else 'were'} right.")
        rows.append({"kind": kind, "name": name, "findings": counts[kind], "correct": correct,
                     "checked": checked, "precision": share,
                     "check_this": share is not None and not trusted(correct, checked, unseen(kind)),
                     "how_sure": how_sure})
    return rows


def _other_kinds_line(shown: set[str]) -> str:
    """One sentence on the kinds measured by hand that this run's findings do not include."""
    precision = read_data_csv("finding_precision")
    names = _kind_names()
    others = [row for row in records(precision) if row["kind"] not in shown and int(row["checked"])]
    if not others:
        return ("Kinds of finding that do not occur in this run are not listed; none of them has been checked "
                "by hand yet.")
    listed = "; ".join(f"{names.get(r['kind'], r['kind'].replace('_', ' ')).split(' (')[0].lower()} "
                       f"({int(r['correct'])} of {int(r['checked'])} right)" for r in others)
    return f"Kinds of finding that do not occur in this run are not listed. Of those, we checked by hand: {listed}."


def surety_html(findings: pd.DataFrame, dropped: pd.DataFrame | None = None, limit: int | None = None) -> str:
    """The "How sure is this?" section as escaped HTML: kinds of finding, building blocks, the check.

    ``findings`` is the run's findings table (its ``measured_as`` column names each finding's kind), of
    which the kinds of the first ``limit`` are listed: those the report shows, as
    :func:`newsprism.present.summary.findings_html` with the same ``limit``. ``dropped`` holds the
    findings set aside by the check against the articles' text (``dropped_findings``).

    >>> f = pd.DataFrame({"measured_as": ["scare_quote", "count_contrast"]})
    >>> page = surety_html(f, pd.DataFrame({"finding": ["x"]}))
    >>> "check this" in page and "Not measured yet" in page and "1 finding failed" in page
    True
    """
    kinds = _kind_rows(findings.head(limit) if limit else findings)
    percent = f"{TRUSTED_PRECISION:.0%}"
    if not kinds:
        kind_part = "<p>This run states no findings, so there is nothing to be sure of yet.</p>"
    else:
        rows = "".join(
            f"<tr><td>{html.escape(k['name'])}</td><td>{k['findings']}</td><td>"
            + ('<span class="check">check this</span> ' if k["check_this"] else "")
            + f"{html.escape(k['how_sure'])}</td></tr>"
            for k in kinds
        )
        kind_part = ('<table class="surety-kinds"><thead><tr><th>kind of finding</th><th>how many</th>'
                     f"<th>how sure</th></tr></thead><tbody>{rows}</tbody></table>")
    kind_part += f"<p>{html.escape(_other_kinds_line({k['kind'] for k in kinds}))}</p>"

    block_rows = "".join(
        f"<tr><td>{html.escape(b['block'])}</td><td>{html.escape(b['sentence'])}</td>"
        f"<td>{b['value']:.3f} ({html.escape(b['measure'])})</td>"
        f"<td>{html.escape(b['measured_on'])}{_cases(b['count'])}</td></tr>"
        for b in _block_rows(read_data_csv("measured_quality"))
    )
    block_part = (
        "<p>Every finding is built on three steps: finding the quotes, naming who said them, and finding the "
        "people, organisations and places. We scored each step against news that other researchers marked "
        "up by hand (a score of 1 would be perfect). We measure on these articles while we improve newsprism, "
        "so on news it has never seen the scores may be a little lower.</p>"
        '<table class="surety-blocks"><thead><tr><th>step</th><th>what it means</th><th>score</th>'
        f"<th>measured on</th></tr></thead><tbody>{block_rows}</tbody></table>"
    )

    unstated = 0
    if dropped is not None and "reason" in dropped:
        unstated = int(dropped["reason"].astype(str).str.startswith("not stated:").sum())
    n_dropped = (0 if dropped is None else len(dropped)) - unstated
    # The list of dropped findings is in details.html under its own heading (nbconvert's anchor for it).
    failed = (f"in this run {n_dropped} finding{' failed' if n_dropped == 1 else 's failed'} that check and "
              f"{'was' if n_dropped == 1 else 'were'} not stated: see "
              '<a href="details.html#Findings-we-did-not-state">Findings we did not state</a> in the details, '
              "and the table "
              "<code>data/dropped_findings.csv</code>" if n_dropped
              else "in this run every finding passed that check")
    check_part = (f"<p>Each finding is checked once more against the articles’ own text before it is stated; "
                  f"{failed}. A kind of finding that was right less than {percent} of the time when "
                  "we checked it by hand, checked fewer than ten times, or checked only on stories its rules were "
                  "partly written from, is marked <span class=\"check\">check this</span> in the list of findings; "
                  "a kind whose findings were right no more than half of the time in at least "
                  "five hand checks (of its findings, or of the words it flags) is not stated at all"
                  + (f" ({unstated} finding{'' if unstated == 1 else 's'} of this run, listed with the others not "
                     "stated)" if unstated else "") + ".</p>")
    # How findings are checked is read first; the measurements behind it are folded (open on paper).
    return (f'<div class="surety tex2jax_ignore"><h4>How findings are checked</h4>{check_part}'
            f'<details class="surety-kinds"><summary>The findings, kind by kind</summary>{kind_part}</details>'
            f'<details class="surety-steps"><summary>The steps underneath</summary>{block_part}</details></div>')
