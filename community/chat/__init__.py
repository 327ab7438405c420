"""Live chat between visits: a room per condition and private peer conversations, over the
Socket.IO namespace `/chat` (namespace.py), with the use cases in services.py."""
