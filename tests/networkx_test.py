#!/usr/bin/env python3
"""End to end: `policygraph run` on the bundled corpus writes graph files that NetworkX opens,
with the same nodes and edges in graph.json (node-link) and graph.graphml."""
import json, os, subprocess, sys, tempfile
import networkx as nx

binary = os.environ["PG_BINARY"]
source = os.environ["PG_SOURCE_DIR"]

with tempfile.TemporaryDirectory() as out:
    r = subprocess.run([binary, "run", os.path.join(source, "corpora"), "-o", out, "--quiet"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    for name in ("mentions.jsonl", "graph.json", "graph.graphml", "graph.dot"):
        assert os.path.getsize(os.path.join(out, name)) > 0, name

    with open(os.path.join(out, "graph.json")) as f:
        data = json.load(f)
    # The README's call, for every NetworkX users have: `edges=` from 3.4, `link=` in 2.8 (Debian 12).
    try:
        g = nx.node_link_graph(data, edges="edges")
    except TypeError:
        g = nx.node_link_graph(data, link="edges")
    # From 3.6 on, default arguments read it too.
    if tuple(int(p) for p in nx.__version__.split(".")[:2]) >= (3, 6):
        assert nx.utils.graphs_equal(nx.node_link_graph(data), g)
    assert g.is_directed() and g.is_multigraph()
    assert "DOCUMENT:nist-mic-summary" in g, sorted(g.nodes)[:10]
    assert g.number_of_nodes() >= 2 and g.number_of_edges() >= 1, (g.number_of_nodes(), g.number_of_edges())
    for u, v, k, d in g.edges(keys=True, data=True):
        assert d["relation"] and d["evidence"], (u, v, k)
        assert d["weight"] == len(d["evidence"])

    h = nx.read_graphml(os.path.join(out, "graph.graphml"))
    ids = {n: d["node_id"] for n, d in h.nodes(data=True)}
    assert sorted(ids.values()) == sorted(g.nodes), "graphml and json nodes differ"
    json_edges = sorted((u, v, d["relation"], d["weight"]) for u, v, d in g.edges(data=True))
    graphml_edges = sorted((ids[u], ids[v], d["relation"], d["weight"]) for u, v, d in h.edges(data=True))
    assert json_edges == graphml_edges, "graphml and json edges differ"
    for n, d in h.nodes(data=True):
        assert isinstance(json.loads(d["aliases"]), list)
        assert isinstance(json.loads(d["documents"]), list)
print(f"1 passed, 0 failed")
