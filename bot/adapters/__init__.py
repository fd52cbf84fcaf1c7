"""Adapters: the only bot modules that import boto3 or slack_sdk. Each implements a port."""
