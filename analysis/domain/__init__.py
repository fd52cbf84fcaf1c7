"""The cost domain: money, periods, cost basis, records and reports. Pure: stdlib and pydantic only."""
