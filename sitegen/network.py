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
MAX_TIES = 6  # strongest co-occurrence ties kept per actor...
STRONG_TIES = 2  # ...of which these are drawn until the reader asks for all
WIDTH, HEIGHT, MARGIN = 960, 680, 60
CHAR_WIDTH = 7.0  # width of a 12px sans-serif character, for name boxes (the text is fitted to them)


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
    strong: bool = True  # drawn by default; the others when the reader asks for every tie


@dataclass
class Network:
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    width: int = WIDTH
    height: int = HEIGHT
    total_actors: int = 0
    kinds: list[str] = field(default_factory=list)

    @property
    def strong_edges(self) -> int:
        return sum(1 for e in self.edges if e.strong)


def build_network(b: Briefing, links: Links, max_nodes: int = MAX_NODES) -> Network:
    weight = {s: len(links.actor_sources[s]) + len(links.actor_events[s]) for s in b.actors}
    chosen = sorted(b.actors, key=lambda s: (-weight[s], s))[:max_nodes]
    chosen_set = set(chosen)
    nodes = {s: Node(s, b.actors[s].name, b.actors[s].kind, len(links.actor_sources[s])) for s in sorted(chosen)}

    edges: dict[tuple[str, str], Edge] = {}
    # Each actor's ties in order of strength (links.actor_co): its first STRONG_TIES, if seen
    # more than once, are drawn by default, up to MAX_TIES on request, so a source naming thirty
    # actors does not turn the drawing into a hairball (the table on the page lists the rest).
    for s in sorted(chosen):
        ties = [(other, count) for other, count in links.actor_co[s] if other in chosen_set][:MAX_TIES]
        for rank, (other, count) in enumerate(ties):
            key = (min(s, other), max(s, other))
            edge = edges.setdefault(key, Edge(key[0], key[1], "co", count, strong=False))
            edge.strong = edge.strong or (rank < STRONG_TIES and count > 1)  # a tie seen once is weak
    for s in sorted(chosen):
        for other in b.actors[s].affiliations:
            if other in chosen_set and other != s:
                key = (min(s, other), max(s, other))
                edge = edges.setdefault(key, Edge(key[0], key[1], "affiliation", 1))
                edge.kind, edge.strong = "affiliation", True
    # Weakest first, so that the strongest are drawn on top.
    edge_list = sorted(edges.values(), key=lambda e: (e.strong, e.weight, e.a, e.b))

    max_sources = max((n.sources for n in nodes.values()), default=0) or 1
    for n in nodes.values():
        n.r = round(6 + 16 * math.sqrt(n.sources / max_sources), 1)
        n.label_w = round(len(n.name) * CHAR_WIDTH + 8, 1)
    _layout(list(nodes.values()), edge_list)
    height = _separate(sorted(nodes.values(), key=lambda n: (-n.sources, n.slug)))
    max_w = max((e.weight for e in edge_list), default=1) or 1
    for e in edge_list:
        na, nb = nodes[e.a], nodes[e.b]
        e.x1, e.y1, e.x2, e.y2 = na.x, na.y, nb.x, nb.y
        e.width = round(1 + 4 * (e.weight / max_w), 1)
    kinds = [k for k in ACTOR_KINDS if any(n.kind == k for n in nodes.values())]
    # Draw big nodes last so they sit on top; order is deterministic.
    ordered = sorted(nodes.values(), key=lambda n: (n.sources, n.slug))
    return Network(ordered, edge_list, WIDTH, height, len(b.actors), kinds)


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


LABEL_H = 17.0  # height of a name's box, under its circle
GAP = 4.0  # kept free between two actors' circles and names
SPIRAL_TRIES = 400  # places tried around an actor's spot before the drawing is made taller


def _box(n: Node, x: float, y: float) -> tuple[float, float, float, float]:
    """What an actor takes up with its circle at (x, y): the circle and its name's box below it."""
    half = max(n.r, n.label_w / 2)
    return (x - half, y - n.r, x + half, y + n.r + 3 + LABEL_H)


def _separate(nodes: list[Node]) -> int:
    """Move actors off one another, most present first: each goes to the free place nearest its
    spot in the layout (tried on a spiral around it), so that no circle or name overlaps another.
    When an actor finds no free place the drawing is made taller and every actor placed again.
    Sets the name boxes; returns the drawing's height."""
    height = HEIGHT
    while True:
        placed: list[tuple[float, float, float, float]] = []
        scale = (height - 2 * MARGIN) / (HEIGHT - 2 * MARGIN)
        spots = []
        for n in nodes:
            spot = _free_spot(n, n.x, MARGIN + (n.y - MARGIN) * scale, placed, height)
            if spot is None:
                break
            spots.append(spot)
            placed.append(_box(n, *spot))
        else:
            for n, (x, y) in zip(nodes, spots):
                n.x, n.y = x, y
                n.box_x, n.box_y = round(x - n.label_w / 2, 1), round(y + n.r + 3, 1)
                n.label_x, n.label_y = x, round(n.box_y + 12.5, 1)
            return height
        height = int(height * 1.15)


def _free_spot(n: Node, x: float, y: float, placed: list, height: int) -> tuple[float, float] | None:
    half = max(n.r, n.label_w / 2)
    for k in range(SPIRAL_TRIES):
        radius = 5.0 * math.sqrt(k)
        angle = k * 2.399963229728653
        cx = round(min(WIDTH - half - 2, max(half + 2, x + radius * math.cos(angle))), 1)
        cy = round(min(height - n.r - 3 - LABEL_H - 2, max(n.r + 2, y + radius * math.sin(angle))), 1)
        x0, y0, x1, y1 = _box(n, cx, cy)
        if all(x1 + GAP <= a0 or a1 + GAP <= x0 or y1 + GAP <= b0 or b1 + GAP <= y0 for a0, b0, a1, b1 in placed):
            return cx, cy
    return None


LOCAL_W, LOCAL_H = 480, 280  # an actor page's drawing of its direct ties, readable at a phone's width
LOCAL_RX, LOCAL_RY = 92, 95  # the ellipse its ties sit on
LOCAL_TIES = 8  # as many as the page lists beside it
LOCAL_CHARS = 15  # a longer name is cut to fit beside its circle (the full one is in the list)


@dataclass
class LocalTie:
    slug: str
    name: str  # as drawn: cut at LOCAL_CHARS
    count: int
    x: float
    y: float
    label_x: float
    label_y: float
    anchor: str  # text-anchor of the name: start (right of its circle), end (left) or middle
    width: float  # of the line to it


@dataclass
class LocalGraph:
    """An actor and its strongest direct ties, laid out on an ellipse around it."""

    name: str
    ties: list[LocalTie]
    x: float = LOCAL_W / 2
    y: float = LOCAL_H / 2
    width: int = LOCAL_W
    height: int = LOCAL_H


def local_graph(b: Briefing, links: Links, slug: str) -> LocalGraph | None:
    """The drawing of `slug`'s first LOCAL_TIES ties (links.actor_co), strongest at the top and
    going round clockwise; None for an actor with no tie."""
    ties = links.actor_co[slug][:LOCAL_TIES]
    if not ties:
        return None
    top = max(count for _, count in ties)
    out = []
    for i, (other, count) in enumerate(ties):
        angle = -math.pi / 2 + 2 * math.pi * i / len(ties)
        cos, sin = math.cos(angle), math.sin(angle)
        x, y = LOCAL_W / 2 + LOCAL_RX * cos, LOCAL_H / 2 + LOCAL_RY * sin
        anchor = "start" if cos > 0.3 else "end" if cos < -0.3 else "middle"
        label_x = x + (10 if anchor == "start" else -10 if anchor == "end" else 0)
        label_y = y + 4 if anchor != "middle" else (y - 12 if sin < 0 else y + 20)
        name = b.actors[other].name
        if len(name) > LOCAL_CHARS:
            name = name[:LOCAL_CHARS - 1].rstrip() + "…"
        out.append(LocalTie(other, name, count, round(x, 1), round(y, 1), round(label_x, 1), round(label_y, 1),
                            anchor, round(1 + 4 * count / top, 1)))
    return LocalGraph(b.actors[slug].name, out)
