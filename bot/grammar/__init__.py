"""The `/finops` commands, one module per family. Each module's `SPECS` joins the grammar (see `bot.commands`)."""
