"""Backends of the `Assistant` port: offline templates, Amazon Bedrock, Amazon Q Business."""
