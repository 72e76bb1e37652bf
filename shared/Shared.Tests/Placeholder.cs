namespace ComplianceConnect.Shared.Tests;
