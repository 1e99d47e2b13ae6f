"""Pure schedule arithmetic: slip against the baseline, dependency breaks, cycles, columns.

No database here: the functions take quarters and plain mappings, so they are unit-tested
directly and reused by the views, the exports and the selectors.
"""

from collections.abc import Iterable, Mapping

from planning.quarters import Quarter


def slip(current_end: Quarter | None, baseline_end: Quarter | None) -> int | None:
    """Quarters a task's end has moved since the baseline: positive is late, negative early.

    None when there is nothing to compare (no baseline, or no end).
    """
    if current_end is None or baseline_end is None:
        return None
    return current_end - baseline_end


def breaks_dependency(task_start: Quarter | None, dependency_end: Quarter | None) -> bool:
    """A task that starts in a quarter before the one its dependency ends in.

    Starting in the same quarter is allowed: the plan is only precise to the quarter.
    """
    if task_start is None or dependency_end is None:
        return False
    return task_start < dependency_end


def dependency_breaks(
    spans: Mapping[int, tuple[Quarter | None, Quarter | None]],
    edges: Iterable[tuple[int, int]],
) -> dict[int, list[int]]:
    """For each task id, the ids of the dependencies it breaks.

    `spans` maps task id -> (start, end); `edges` are (task id, depends-on id) pairs.
    """
    found: dict[int, list[int]] = {}
    for task_id, dependency_id in edges:
        start = spans.get(task_id, (None, None))[0]
        end = spans.get(dependency_id, (None, None))[1]
        if breaks_dependency(start, end):
            found.setdefault(task_id, []).append(dependency_id)
    return found


def creates_cycle(
    task_id: int | None, depends_on: Iterable[int], edges: Iterable[tuple[int, int]]
) -> bool:
    """Would letting `task_id` depend on `depends_on` close a loop?

    `edges` are the other existing (task, depends-on) pairs. A new task (id None) cannot be
    part of a loop yet; a task depending on itself is a loop.
    """
    if task_id is None:
        return False
    graph: dict[int, set[int]] = {}
    for source, target in edges:
        if source != task_id:
            graph.setdefault(source, set()).add(target)
    # A loop exists if task_id is reachable from one of its new dependencies.
    stack = list(depends_on)
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if node == task_id:
            return True
        if node in seen:
            continue
        seen.add(node)
        stack.extend(graph.get(node, ()))
    return False


def column_span(
    columns: list[Quarter], start: Quarter | None, end: Quarter | None
) -> tuple[int, int] | None:
    """The 1-based (first, last) columns a span covers on a timeline with these columns.

    The columns may jump (the 2021 plan goes from Q1 2023 to Q1 2024); a quarter in a gap
    is drawn in the next column for a start and the previous one for an end. None when the
    span lies wholly outside the columns.
    """
    if not columns or start is None or end is None:
        return None
    first = next((i for i, col in enumerate(columns, 1) if col >= start), None)
    last = next((i for i, col in reversed(list(enumerate(columns, 1))) if col <= end), None)
    if first is None or last is None or last < first:
        return None
    return first, last
