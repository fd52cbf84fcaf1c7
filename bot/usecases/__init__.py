"""What each command does, given a `Conversation`. Imported lazily, off the ack path."""
