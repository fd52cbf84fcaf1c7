"""Resource inventories read from AWS with boto3: the only place the waste checks touch AWS."""

from analysis.sources.inventory.aws import AwsInventories, AwsInventory, SessionFactory
from analysis.sources.inventory.sessions import AssumeRoleSessions, caller_account

__all__ = ["AssumeRoleSessions", "AwsInventories", "AwsInventory", "SessionFactory", "caller_account"]
