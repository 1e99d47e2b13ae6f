"""The accessibility rule set: axe-core (axe-playwright-python) run in a page, and its report.

Every browser test that checks accessibility uses `axe_violations(page)`, so the whole suite
audits against one rule set: WCAG 2.0 and 2.1, levels A and AA (what the Danish web
accessibility act asks for), plus axe's best practices (landmarks, one h1, heading order,
unique landmark names). See docs/decisions.md, "Accessibility".
"""

from axe_playwright_python.sync_playwright import Axe

AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice")
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": list(AXE_TAGS)}, "resultTypes": ["violations"]}
NODES_SHOWN = 5

AXE_SOURCE = Axe().axe_script  # the axe-core build bundled with axe-playwright-python

_RUN = "window.__varmestueAxe"


def load_axe_in_every_page(context) -> None:
    """Have `context` load axe-core with every document, instead of sending it to each page
    (half a megabyte) before each run: for audits of many pages."""
    context.add_init_script(script=AXE_SOURCE)


def start_axe(page) -> None:
    """Start axe in the page without waiting for it, so several pages can be audited at once
    (each browser context has its own renderer process); `axe_violations` collects it."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SOURCE)
    page.evaluate(f"options => {{ {_RUN} = axe.run(document, options); }}", AXE_OPTIONS)


def axe_violations(page) -> list[dict]:
    """axe's violations of AXE_TAGS in the page: the run `start_axe` began, else a new one."""
    if not page.evaluate(f"() => {_RUN} !== undefined"):
        start_axe(page)
    return page.evaluate(
        f"() => {{ const run = {_RUN}; {_RUN} = undefined; return run.then(r => r.violations); }}"
    )


def describe(violations: list[dict]) -> str:
    """A readable report: the rule, why it matters, and the first offending elements."""
    lines = []
    for violation in violations:
        lines.append(
            f"{violation['id']} ({violation['impact']}): {violation['help']} "
            f"[{violation['helpUrl'].split('?')[0]}]"
        )
        for node in violation["nodes"][:NODES_SHOWN]:
            target = " ".join(str(part) for part in node["target"])
            summary = " / ".join(
                line.strip() for line in node.get("failureSummary", "").splitlines()[1:]
            )
            lines.append(f"    {target}: {summary}")
        if len(violation["nodes"]) > NODES_SHOWN:
            lines.append(f"    … and {len(violation['nodes']) - NODES_SHOWN} more")
    return "\n".join(lines)
