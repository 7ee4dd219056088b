"""Test utilities shared across the test packages: Bot API doubles and builders."""
