"""Recruitment: job openings, applicants moving through a pipeline, notes, and hiring."""
