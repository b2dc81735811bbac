"""The demand and cost model (issue 7): plain Python with numpy and no Django, so the `hearth model` command,
the Insight pages and the tests all run the same code. Scenario files declare every input; everything else
is derived."""
