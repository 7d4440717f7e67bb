#!/usr/bin/python3
# tests/check-openmetrics.py < EXPOSITION — parses an OpenMetrics text
# exposition with prometheus_client's strict OpenMetrics parser (Debian
# python3-prometheus-client): escaping, family grouping, stateset and
# counter rules, the final "# EOF". promtool check metrics reads only
# Prometheus's older text format (it refuses "stateset"), hence this.
# Prints one line per family; exits 1 with the parser's reason.
import sys

from prometheus_client.openmetrics.parser import text_string_to_metric_families

try:
    for family in text_string_to_metric_families(sys.stdin.read()):
        print(family.name, family.type, len(family.samples))
except Exception as error:  # the parser raises ValueError and others
    print("not OpenMetrics:", error)
    sys.exit(1)
