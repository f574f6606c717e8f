"""Recaps: a static site generator for football match recaps.

Data flows one way: config -> sources -> parse & validate -> assemble ->
plan pages -> render -> write. Everything between reading and writing is pure.
"""
__version__ = "0.1.0"
