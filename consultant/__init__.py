"""The AI consultant: personas, prompts, LLM adapters, grounding."""
