"""Mutations: create, update, delete and bulk upsert every node and edge."""
