"""Clinician verification, verified badges and professional boundaries."""
