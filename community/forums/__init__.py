"""Condition forums: communities, threads, posts, Markdown and search."""
