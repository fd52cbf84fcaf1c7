"""The demo organisation, "Acme Pagamentos": accounts and what each one runs, as data.

Base figures are typical daily on-demand costs in US$ for that account's workload; the generator
in `demo.py` turns them into 13 months of daily costs with seasonality, growth and noise.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DemoAccount:
    account_id: str
    name: str
    team: str
    environment: str
    business_unit: str
    regions: tuple[tuple[str, float], ...]  # where its regional services run, with weights
    weekend_factor: float  # dev and sandboxes stop instances at weekends
    monthly_growth: float
    services: tuple[tuple[str, float], ...]  # (Cost Explorer service name, base daily US$)


EC2 = "Amazon Elastic Compute Cloud - Compute"
EC2_OTHER = "EC2 - Other"
SAVINGS_PLANS = "Savings Plans for AWS Compute usage"
BEDROCK = "Amazon Bedrock"  # appears inside the last 30 days
EMR = "Amazon Elastic MapReduce"  # switched off before the last 30 days
TAX = "Tax"
SUPPORT = "AWS Support (Business)"

# Services billed without a region, and lines that carry no resource tags.
GLOBAL_SERVICES = frozenset({"Amazon CloudFront", "Amazon Route 53", SUPPORT, TAX, "AWS Cost Explorer",
                             SAVINGS_PLANS, "AWS WAF"})
UNTAGGABLE = frozenset({SUPPORT, TAX, "AWS Cost Explorer", SAVINGS_PLANS})

SAVINGS_PLAN_COVERAGE = 0.65  # share of EC2 compute in prod accounts covered by a Compute Savings Plan
SAVINGS_PLAN_RATE = 0.72  # what covered usage costs relative to on-demand
EDP_DISCOUNT = 0.04  # enterprise discount, visible in the net metrics

US = (("us-east-1", 1.0),)
BR_PROD = (("sa-east-1", 0.6), ("us-east-1", 0.4))

ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("111111111111", "acme-management", "platform", "shared", "corporate", US, 1.0, 0.0, (
        ("AWS Cost Explorer", 4.1), ("AWS CloudTrail", 6.5), ("AWS Config", 9.8), (SUPPORT, 118.0),
        ("Amazon Simple Storage Service", 3.2), ("AWS Key Management Service", 2.1), ("Amazon Route 53", 4.4),
        ("AmazonCloudWatch", 3.9))),
    DemoAccount("222222222222", "acme-security", "security", "shared", "corporate", US, 1.0, 0.01, (
        ("Amazon GuardDuty", 38.0), ("AWS Security Hub", 21.0), ("Amazon Macie", 17.5), ("Amazon Inspector", 12.2),
        ("AWS CloudTrail", 8.8), ("AWS Config", 11.4), ("AWS Key Management Service", 3.3),
        ("AWS Secrets Manager", 2.4), ("AWS WAF", 9.6), ("AWS Lambda", 1.9), ("Amazon Detective", 6.1))),
    DemoAccount("333333333333", "acme-log-archive", "platform", "shared", "corporate", US, 1.0, 0.025, (
        ("Amazon Simple Storage Service", 64.0), ("Amazon Glacier", 11.0), ("AmazonCloudWatch", 28.0),
        ("AWS Key Management Service", 1.6), ("Amazon Athena", 7.7), ("AWS Glue", 5.2))),
    DemoAccount("444444444444", "acme-network", "platform", "prod", "corporate", BR_PROD, 0.97, 0.01, (
        ("Amazon Virtual Private Cloud", 52.0), ("AWS Direct Connect", 41.0), ("Amazon Route 53", 6.6),
        (EC2_OTHER, 66.0), ("AWS Global Accelerator", 14.0), ("AWS Network Firewall", 31.0))),
    DemoAccount("555555555555", "acme-shared-services", "platform", "shared", "corporate", US, 0.9, 0.01, (
        ("Amazon EC2 Container Registry (ECR)", 7.4), ("CodeBuild", 22.0), ("AWS CodePipeline", 3.1),
        (EC2, 58.0), (EC2_OTHER, 19.0), ("AWS Systems Manager", 4.2), ("AWS Backup", 16.0),
        ("Amazon Elastic File System", 8.3), ("AWS X-Ray", 2.2), ("AWS CodeArtifact", 1.4))),
    DemoAccount("600000000001", "checkout-prod", "payments", "prod", "payments", BR_PROD, 0.9, 0.018, (
        (EC2, 612.0), (EC2_OTHER, 148.0), ("Amazon Elastic Load Balancing", 61.0),
        ("Amazon Relational Database Service", 355.0), ("Amazon ElastiCache", 96.0), ("Amazon DynamoDB", 74.0),
        ("Amazon Simple Storage Service", 38.0), ("Amazon CloudFront", 57.0),
        ("Amazon Elastic Container Service for Kubernetes", 14.4), ("AWS Lambda", 22.0),
        ("Amazon API Gateway", 31.0), ("Amazon Simple Queue Service", 8.8),
        ("Amazon Simple Notification Service", 4.9), ("Amazon Simple Email Service", 3.3), ("Amazon Cognito", 11.0),
        ("AWS WAF", 16.0), ("AmazonCloudWatch", 44.0), ("AWS Key Management Service", 6.2),
        ("AWS Secrets Manager", 3.7), ("AWS Step Functions", 5.1), ("Amazon MQ", 12.5),
        ("Amazon Virtual Private Cloud", 18.0), ("AWS Backup", 21.0), ("AWS X-Ray", 3.4))),
    DemoAccount("600000000002", "checkout-staging", "payments", "staging", "payments", US, 0.55, 0.0, (
        (EC2, 121.0), (EC2_OTHER, 33.0), ("Amazon Elastic Load Balancing", 15.0),
        ("Amazon Relational Database Service", 72.0), ("Amazon ElastiCache", 19.0), ("Amazon DynamoDB", 8.0),
        ("Amazon Elastic Container Service for Kubernetes", 4.8), ("AWS Lambda", 3.1), ("AmazonCloudWatch", 9.0),
        ("Amazon Simple Queue Service", 1.2))),
    DemoAccount("700000000001", "data-platform-prod", "data", "prod", "data", US, 0.95, 0.022, (
        ("Amazon Redshift", 288.0), (EMR, 74.0), ("AWS Glue", 63.0), ("Amazon Athena", 26.0),
        ("Amazon Kinesis", 44.0), ("Amazon Managed Streaming for Apache Kafka", 83.0),
        ("Amazon Kinesis Firehose", 12.0), ("Amazon Simple Storage Service", 142.0), (EC2, 174.0),
        (EC2_OTHER, 91.0), ("Amazon QuickSight", 24.0), ("Amazon OpenSearch Service", 66.0),
        ("Amazon DocumentDB (with MongoDB compatibility)", 39.0), ("Amazon Neptune", 21.0), ("Amazon FSx", 17.0),
        ("CloudWatch Events", 1.3), ("AmazonCloudWatch", 18.0))),
    DemoAccount("700000000002", "data-platform-dev", "data", "dev", "data", US, 0.5, 0.0, (
        ("Amazon Redshift", 58.0), ("AWS Glue", 18.0), ("Amazon Athena", 6.0), (EC2, 47.0), (EC2_OTHER, 12.0),
        ("Amazon Simple Storage Service", 22.0), ("Amazon Kinesis", 6.5))),
    DemoAccount("800000000001", "ml-research", "ml", "dev", "data", (("us-east-1", 0.7), ("us-west-2", 0.3)),
                0.8, 0.03, (
        ("Amazon SageMaker", 236.0), ("Amazon Rekognition", 14.0), ("Amazon Textract", 18.0),
        ("Amazon Comprehend", 7.0), ("Amazon Simple Storage Service", 31.0), (EC2, 143.0), (EC2_OTHER, 24.0),
        ("Amazon Elastic File System", 12.0), ("AWS Lambda", 2.8), ("Amazon Transcribe", 5.5))),
    DemoAccount("900000000001", "mobile-backend-prod", "mobile", "prod", "consumer", BR_PROD, 0.93, 0.015, (
        ("AWS Amplify", 9.0), ("Amazon Cognito", 17.0), ("Amazon API Gateway", 28.0), ("AWS Lambda", 36.0),
        ("Amazon DynamoDB", 41.0), ("Amazon Simple Storage Service", 12.0), ("Amazon CloudFront", 33.0),
        ("Amazon Simple Notification Service", 11.0), ("Amazon Pinpoint", 6.0), ("AmazonCloudWatch", 8.0),
        ("AWS AppSync", 7.5))),
    DemoAccount("990000000001", "sandbox-ana", "sandbox", "sandbox", "corporate", US, 0.3, 0.0, (
        (EC2, 24.0), (EC2_OTHER, 6.0), ("Amazon Simple Storage Service", 1.2), ("AWS Lambda", 0.4),
        ("Amazon Lightsail", 3.5), ("AmazonCloudWatch", 0.8))),
    DemoAccount("990000000002", "sandbox-bruno", "sandbox", "sandbox", "corporate", US, 0.3, 0.0, (
        (EC2, 17.0), (EC2_OTHER, 4.4), ("Amazon Simple Storage Service", 0.9), ("Amazon Lightsail", 3.5),
        ("Amazon Elastic Container Service", 5.2), ("AmazonCloudWatch", 0.6))),
)

MANAGEMENT_ACCOUNT = ACCOUNTS[0].account_id
SPIKE_ACCOUNT = "700000000001"  # a NAT gateway reprocessing loop in data-platform-prod
SPIKE_SERVICE = EC2_OTHER
SPIKE_DAYS_AGO = (12, 11, 10)  # days before the as-of date
SPIKE_FACTOR = 7.5
APPEARS_DAYS_AGO = 14  # Bedrock pilot starts in ml-research
APPEARS_ACCOUNT = "800000000001"
APPEARS_BASE = 68.0
VANISHES_DAYS_AGO = 38  # EMR cluster retired in data-platform-prod
CREDIT_ACCOUNT = "800000000001"  # an AWS Activate-style credit covering part of ML spend
CREDIT_SHARE = 0.35
REFUND_DAYS_AGO = 20
REFUND_AMOUNT = "-1250.00"  # a support-plan refund to the management account
MONTHLY_TAX = 940.0  # billed on the first day of each month to the management account
HISTORY_DAYS = 396  # 13 months
