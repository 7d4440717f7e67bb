#!/usr/bin/env python3
"""Fails when headers of the service include each other, directly or in a
circle (the layers: gluster/ and ssh/ at the bottom, the core in service/,
objects/ above it). Usage: check-include-cycles.py SERVICE_DIR"""
import os
import re
import sys


def headers_of(root):
    found = {}
    for directory, _, files in os.walk(root):
        for name in files:
            if name.endswith('.h'):
                found[name] = os.path.join(directory, name)
    return found


def includes(path, known):
    with open(path, encoding='utf-8') as f:
        names = re.findall(r'^#include "([^"]+)"', f.read(), re.M)
    return [n for n in names if n in known]


def find_cycle(graph):
    state = {}

    def visit(node, stack):
        state[node] = 'open'
        for child in graph[node]:
            if state.get(child) == 'open':
                return stack[stack.index(child):] + [child]
            if child not in state:
                cycle = visit(child, stack + [child])
                if cycle:
                    return cycle
        state[node] = 'done'
        return None

    for node in sorted(graph):
        if node not in state:
            cycle = visit(node, [node])
            if cycle:
                return cycle
    return None


def main():
    headers = headers_of(sys.argv[1])
    graph = {n: includes(p, headers) for n, p in headers.items()}
    cycle = find_cycle(graph)
    if cycle:
        print('include cycle: ' + ' -> '.join(cycle))
        return 1
    print(f'{len(graph)} headers, no include cycle')
    return 0


if __name__ == '__main__':
    sys.exit(main())
