"""Schedules: digest times, time zones and the local dates a daily digest stands for."""
