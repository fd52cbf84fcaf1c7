"""`python -m analysis.statemachine`: print the definition with example values (for asl-validator)."""

from analysis.statemachine import example_values, render

print(render(example_values()), end="")
