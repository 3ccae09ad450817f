"""The actor network as plain data: nodes with positions, edges with weights, laid out at build time.

A deterministic force-directed layout (Fruchterman-Reingold from a fixed start, fixed number of
steps, rounded coordinates) so the same briefing always draws the same picture. The template
turns this into an SVG; Python never writes markup.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from sitegen.links import Links
from sitegen.model import ACTOR_KINDS, Briefing

MAX_NODES = 60  # beyond this a drawing stops being readable; the table lists every actor
MAX_TIES = 4  # strongest co-occurrence ties drawn per actor
WIDTH, HEIGHT, MARGIN = 960, 680, 60
CHAR_WIDTH = 7.4  # average width of a 13px sans-serif character, for label boxes


@dataclass
class Node:
    slug: str
    name: str
    kind: str
    sources: int
    x: float = 0.0
    y: float = 0.0
    r: float = 6.0
    label_x: float = 0.0
    label_y: float = 0.0
    label_w: float = 0.0
    box_x: float = 0.0
    box_y: float = 0.0


@dataclass
class Edge:
    a: str
    b: str
    kind: str  # "co" (named together) | "affiliation"
    weight: int = 1
    x1: float = 0.0
    y1: float = 0.0
    x2: float = 0.0
    y2: float = 0.0
    width: float = 1.0


@dataclass
class Network:
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    width: int = WIDTH
    height: int = HEIGHT
    total_actors: int = 0
    kinds: list[str] = field(default_factory=list)


def build_network(b: Briefing, links: Links, max_nodes: int = MAX_NODES) -> Network:
    weight = {s: len(links.actor_sources[s]) + len(links.actor_events[s]) for s in b.actors}
    chosen = sorted(b.actors, key=lambda s: (-weight[s], s))[:max_nodes]
    chosen_set = set(chosen)
    nodes = {s: Node(s, b.actors[s].name, b.actors[s].kind, len(links.actor_sources[s])) for s in sorted(chosen)}

    edges: dict[tuple[str, str], Edge] = {}
    # Backbone: each actor keeps its strongest ties only, so a source naming thirty actors does
    # not turn the drawing into a hairball (the table on the page lists the rest).
    for s in sorted(chosen):
        ties = [(other, count) for other, count in links.actor_co[s] if other in chosen_set][:MAX_TIES]
        for other, count in ties:
            key = (min(s, other), max(s, other))
            edges[key] = Edge(key[0], key[1], "co", count)
    for s in sorted(chosen):
        for other in b.actors[s].affiliations:
            if other in chosen_set and other != s:
                key = (min(s, other), max(s, other))
                if key in edges:
                    edges[key].kind = "affiliation"
                else:
                    edges[key] = Edge(key[0], key[1], "affiliation", 1)
    edge_list = [edges[k] for k in sorted(edges)]

    _layout(list(nodes.values()), edge_list)
    max_sources = max((n.sources for n in nodes.values()), default=0) or 1
    for n in nodes.values():
        n.r = round(6 + 16 * math.sqrt(n.sources / max_sources), 1)
    _place_labels(sorted(nodes.values(), key=lambda n: (-n.sources, n.slug)))
    max_w = max((e.weight for e in edge_list), default=1) or 1
    for e in edge_list:
        na, nb = nodes[e.a], nodes[e.b]
        e.x1, e.y1, e.x2, e.y2 = na.x, na.y, nb.x, nb.y
        e.width = round(1 + 4 * (e.weight / max_w), 1)
    kinds = [k for k in ACTOR_KINDS if any(n.kind == k for n in nodes.values())]
    # Draw big nodes last so they sit on top; order is deterministic.
    ordered = sorted(nodes.values(), key=lambda n: (n.sources, n.slug))
    return Network(ordered, edge_list, WIDTH, HEIGHT, len(b.actors), kinds)


def _layout(nodes: list[Node], edges: list[Edge], steps: int = 140) -> None:
    n = len(nodes)
    if n == 0:
        return
    index = {node.slug: i for i, node in enumerate(nodes)}
    w, h = WIDTH - 2 * MARGIN, HEIGHT - 2 * MARGIN
    # Start on a golden-angle spiral: deterministic and evenly spread.
    xs, ys = [], []
    for i in range(n):
        radius = math.sqrt((i + 0.5) / n)
        angle = i * 2.399963229728653
        xs.append(w / 2 + radius * math.cos(angle) * w / 2)
        ys.append(h / 2 + radius * math.sin(angle) * h / 2)
    if n == 1:
        xs, ys = [w / 2], [h / 2]
    pairs = [(index[e.a], index[e.b], min(3.0, 1 + math.log(e.weight)) if e.weight > 0 else 1.0) for e in edges]
    k = math.sqrt(w * h / n) * 0.9
    temperature = w / 8
    cool = temperature / (steps + 1)
    for _ in range(steps):
        dx = [0.0] * n
        dy = [0.0] * n
        for i in range(n):
            xi, yi = xs[i], ys[i]
            for j in range(i + 1, n):
                ddx, ddy = xi - xs[j], yi - ys[j]
                dist2 = ddx * ddx + ddy * ddy or 0.01
                f = k * k / dist2
                dx[i] += ddx * f
                dy[i] += ddy * f
                dx[j] -= ddx * f
                dy[j] -= ddy * f
        for i, j, strength in pairs:
            ddx, ddy = xs[i] - xs[j], ys[i] - ys[j]
            dist = math.sqrt(ddx * ddx + ddy * ddy) or 0.1
            f = dist * strength / k
            dx[i] -= ddx * f
            dy[i] -= ddy * f
            dx[j] += ddx * f
            dy[j] += ddy * f
        for i in range(n):
            # Gentle pull to the centre keeps unconnected actors on the page.
            dx[i] += (w / 2 - xs[i]) * 0.02 * k / 10
            dy[i] += (h / 2 - ys[i]) * 0.02 * k / 10
            disp = math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]) or 0.1
            step = min(disp, temperature)
            xs[i] = min(w, max(0.0, xs[i] + dx[i] / disp * step))
            ys[i] = min(h, max(0.0, ys[i] + dy[i] / disp * step))
        temperature -= cool
    # Stretch to fill the drawing area; a lone outlier is pulled in rather than allowed to
    # squeeze everything else into a corner.
    def bounds(values: list[float]) -> tuple[float, float]:
        ordered = sorted(values)
        cut = len(ordered) // 12
        return ordered[cut], ordered[-1 - cut]

    min_x, max_x = bounds(xs)
    min_y, max_y = bounds(ys)
    span_x, span_y = (max_x - min_x) or 1, (max_y - min_y) or 1
    for i, node in enumerate(nodes):
        fx = min(1.0, max(0.0, (xs[i] - min_x) / span_x))
        fy = min(1.0, max(0.0, (ys[i] - min_y) / span_y))
        node.x = round(MARGIN + fx * w if n > 1 else WIDTH / 2, 1)
        node.y = round(MARGIN + fy * h if n > 1 else HEIGHT / 2, 1)


def _place_labels(nodes: list[Node]) -> None:
    """Put each name below, above, right or left of its circle, wherever it overlaps least with
    names already placed; keep every name inside the drawing."""
    placed: list[tuple[float, float, float, float]] = []
    circles = [(n.x, n.y, n.r) for n in nodes]

    def overlap(box: tuple[float, float, float, float]) -> float:
        x0, y0, x1, y1 = box
        total = 0.0
        for a0, b0, a1, b1 in placed:
            dx, dy = min(x1, a1) - max(x0, a0), min(y1, b1) - max(y0, b0)
            if dx > 0 and dy > 0:
                total += dx * dy
        for cx, cy, r in circles:
            dx = min(x1, cx + r) - max(x0, cx - r)
            dy = min(y1, cy + r) - max(y0, cy - r)
            if dx > 0 and dy > 0:
                total += dx * dy * 0.5
        return total

    for n in nodes:
        width = len(n.name) * CHAR_WIDTH + 6
        height = 17.0
        options = [(n.x, n.y + n.r + 4), (n.x, n.y - n.r - 4 - height),
                   (n.x + n.r + 4 + width / 2, n.y - height / 2), (n.x - n.r - 4 - width / 2, n.y - height / 2)]
        best = None
        for cx, top in options:
            cx = min(WIDTH - width / 2 - 2, max(width / 2 + 2, cx))
            top = min(HEIGHT - height - 2, max(2.0, top))
            box = (cx - width / 2, top, cx + width / 2, top + height)
            score = overlap(box)
            if best is None or score < best[0]:
                best = (score, cx, top, box)
            if score == 0:
                break
        _, cx, top, box = best
        placed.append(box)
        n.label_x, n.label_y = round(cx, 1), round(top + 12.5, 1)
        n.box_x, n.box_y, n.label_w = round(box[0], 1), round(top, 1), round(width, 1)
