#!/usr/bin/env python3
"""The dependency check of the service's C files (docs/architecture.md).

A module is a .c file with its header (NAME.c, NAME.h and NAME-private.h
are one module). Module A depends on B when a file of A includes B's
header. The check fails when

  - modules depend on each other, directly or in a circle: reading the
    .c files as well as the headers, a circle cannot hide behind a
    forward declaration in a header;
  - a module depends on one of a higher layer. The layers, from the
    bottom: common/; service/gluster/ and service/ssh/; service/verify/;
    the core in service/; service/objects/; the assembly on top
    (service/main.c and service/gr-daemon.c, which build the rest).

It prints the number of modules, the levels of the graph (the longest
chain of dependencies), the upward dependencies and the circles.
Usage: check-dependencies.py SOURCE_ROOT"""
import os
import re
import sys

LAYERS = {'common': 0, 'gluster': 1, 'ssh': 1, 'verify': 2, 'service': 3,
          'objects': 4}
ASSEMBLY = {'main', 'gr-daemon'}
ASSEMBLY_LAYER = 5
INCLUDE = re.compile(r'^#include "([^"]+)"', re.M)


def module_of(name):
    stem = name.rsplit('.', 1)[0]
    return stem[:-len('-private')] if stem.endswith('-private') else stem


def source_files(root):
    found = {}
    for folder in ('common', 'service'):
        for directory, _, files in os.walk(os.path.join(root, folder)):
            for name in files:
                if name.endswith(('.c', '.h')):
                    found[name] = os.path.join(directory, name)
    return found


def layer_of(module, path):
    if module in ASSEMBLY:
        return ASSEMBLY_LAYER
    return LAYERS.get(os.path.basename(os.path.dirname(path)), LAYERS['service'])


def build_graph(files):
    graph, layers = {}, {}
    for name, path in files.items():
        module = module_of(name)
        graph.setdefault(module, set())
        layers[module] = layer_of(module, path)
        with open(path, encoding='utf-8') as f:
            for included in INCLUDE.findall(f.read()):
                target = module_of(os.path.basename(included))
                if os.path.basename(included) in files and target != module:
                    graph[module].add(target)
    return graph, layers


def strongly_connected(graph):
    """Tarjan's algorithm, iteratively: the modules that reach each
    other, largest first."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    found.append(sorted(group))
            elif child not in index:
                index[child] = low[child] = counter
                counter += 1
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(graph[child]))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return found


def levels(graph, groups):
    group_of = {m: i for i, g in enumerate(groups) for m in g}
    depth = {}
    # Tarjan emits a group after every group it depends on.
    for i, group in enumerate(groups):
        below = [depth[group_of[t]] for m in group for t in graph[m]
                 if group_of[t] != i]
        depth[i] = 1 + max(below, default=0)
    return max(depth.values(), default=0)


def main():
    graph, layers = build_graph(source_files(sys.argv[1]))
    groups = strongly_connected(graph)
    circles = [g for g in groups if len(g) > 1]
    upward = sorted((m, t) for m in graph for t in graph[m]
                    if layers[t] > layers[m])
    print(f'{len(graph)} modules, {levels(graph, groups)} levels, '
          f'{len(upward)} upward dependencies, {len(circles)} circles')
    for module, target in upward:
        print(f'upward: {module} -> {target}')
    for circle in circles:
        print('circle: ' + ' '.join(circle))
    return 1 if upward or circles else 0


if __name__ == '__main__':
    sys.exit(main())
