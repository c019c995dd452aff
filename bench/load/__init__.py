"""`make load`: the platform under the loads people really produce (see bench/README.md, "Load")."""
