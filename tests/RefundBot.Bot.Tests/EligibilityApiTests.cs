using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;

namespace RefundBot.Bot.Tests;

/// <summary>POST /api/eligibility: the engine for integrations and agents.</summary>
public sealed class EligibilityApiTests : IAsyncLifetime
{
    private readonly BotUnderTest _bot = new(new Dictionary<string, string?> { ["Storage:Provider"] = "Memory" });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task The_masecurite_example_is_decided_with_its_breakdown_and_citations()
    {
        var response = await PostAsync(new
        {
            policyId = "masecurite",
            now = "2026-03-31T12:00:00+02:00",
            facts = new { purchase_date = "2026-03-21", request_type = "refund", plan = "annual", amount_paid = 120, installation_fee = 0, days_used = 10, hardware_received = false },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var decision = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("partial-refund", decision.GetProperty("outcome").GetString());
        Assert.Equal(116.71m, decision.GetProperty("breakdown").GetProperty("refund").GetDecimal());
        Assert.Equal(3.29m, decision.GetProperty("breakdown").GetProperty("withheldForUse").GetDecimal());
        Assert.Equal("withdrawal", decision.GetProperty("citations")[0].GetProperty("section").GetString());
        Assert.Equal("2026-04-21", decision.GetProperty("timeline").GetProperty("latestDate").GetString()); // 14 business days over Easter Monday
    }

    [Theory]
    // Smarters Pro: bought on 10 March at 10:00, asked 24 h later, decided after support's 48 hours (72 h 02 after buying).
    [InlineData("2026-03-11T10:00:00+01:00", "full-refund")]
    [InlineData(null, "human-review")]
    public async Task The_window_is_judged_when_the_customer_asked(string? requestedAt, string outcome)
    {
        var response = await PostAsync(new
        {
            policyId = "smarters-pro",
            now = "2026-03-13T10:02:00+01:00",
            requestedAt,
            facts = new { purchase_date = "2026-03-10", purchase_time = "10:00", problem_type = "other", troubleshooting_outcome = "unresolved", amount_paid = 59.99 },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var decision = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(outcome, decision.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Missing_facts_come_back_with_their_questions()
    {
        var response = await PostAsync(new { policyId = "smarters-pro", facts = new { purchase_date = "2026-03-10" } });

        var decision = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("more-facts-needed", decision.GetProperty("outcome").GetString());
        var missing = decision.GetProperty("missingFacts")[0];
        Assert.Equal("problem_type", missing.GetProperty("id").GetString());
        Assert.Equal("Quel type de problème rencontrez-vous\u00A0?", missing.GetProperty("question").GetProperty("fr").GetString());
    }

    [Theory]
    [InlineData("""{"policyId":"nope","facts":{}}""", "policyId", "Unknown policy 'nope'")]
    [InlineData("""{"policyId":"masecurite","facts":{"colour":"red"}}""", "facts.colour", "has no fact 'colour'")]
    [InlineData("""{"policyId":"masecurite","facts":{"days_used":"ten"}}""", "facts.days_used", "not a valid integer")]
    [InlineData("""{"policyId":"masecurite","facts":{"plan":"weekly"}}""", "facts.plan", "not one of monthly")]
    [InlineData("""{"policyId":"masecurite","facts":{"amount_paid":-5}}""", "facts.amount_paid", "below the minimum")]
    public async Task Bad_input_is_a_400_naming_the_field(string json, string field, string problem)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        var response = await _bot.CreateClient().PostAsync("/api/eligibility", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var details = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.Contains(problem, Assert.Single(details!.Errors[field]));
    }

    [Theory]
    // Amounts beyond decimal's range, at its very limit, or beyond the policy's maxAmount (1,000,000 by default).
    [InlineData("""{"policyId":"masecurite","facts":{"amount_paid":1e308}}""", "facts.amount_paid", "'1e308' is not a valid money")]
    [InlineData("""{"policyId":"masecurite","facts":{"amount_paid":1e400}}""", "facts.amount_paid", "'1e400' is not a valid money")]
    [InlineData("""{"policyId":"masecurite","facts":{"amount_paid":79228162514264337593543950335}}""", "facts.amount_paid", "above the maximum 1000000")]
    [InlineData("""{"policyId":"masecurite","facts":{"amount_paid":"1000000.01"}}""", "facts.amount_paid", "above the maximum 1000000")]
    [InlineData("""{"policyId":"masecurite","facts":{"days_used":79228162514264337593543950335}}""", "facts.days_used", "above the maximum 1000000000")]
    // Dates: not before 2000-01-01, not after the day of the request.
    [InlineData("""{"policyId":"masecurite","now":"2026-03-31T12:00:00+02:00","facts":{"purchase_date":"9999-12-31"}}""", "facts.purchase_date", "after the day of the request (2026-03-31)")]
    [InlineData("""{"policyId":"masecurite","now":"2026-03-31T12:00:00+02:00","facts":{"purchase_date":"2026-04-01"}}""", "facts.purchase_date", "after the day of the request")]
    [InlineData("""{"policyId":"masecurite","facts":{"purchase_date":"0001-01-01"}}""", "facts.purchase_date", "before 2000-01-01")]
    // The instant of the request: not before 2000, not (much) after the server's clock.
    [InlineData("""{"policyId":"masecurite","now":"9999-12-31T00:00:00Z","facts":{"purchase_date":"9999-12-31"}}""", "now", "must not be later than the server's clock")]
    [InlineData("""{"policyId":"masecurite","now":"1999-12-31T00:00:00Z","facts":{}}""", "now", "on or after 2000-01-01")]
    // The instant the customer asked: checked like now, and never after the decision.
    [InlineData("""{"policyId":"masecurite","now":"2026-03-31T12:00:00+02:00","requestedAt":"1999-12-31T00:00:00Z","facts":{}}""", "requestedAt", "on or after 2000-01-01")]
    [InlineData("""{"policyId":"masecurite","now":"2026-03-31T12:00:00+02:00","requestedAt":"2026-03-31T12:00:01+02:00","facts":{}}""", "requestedAt", "cannot be later than the decision")]
    [InlineData("""{"policyId":"masecurite","now":"2026-03-31T12:00:00+02:00","requestedAt":"2026-03-20T12:00:00+02:00","facts":{"purchase_date":"2026-03-21"}}""", "facts.purchase_date", "after the day of the request (2026-03-20)")]
    public async Task Out_of_range_input_is_a_400_naming_the_field_never_a_500(string json, string field, string problem)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        var response = await _bot.CreateClient().PostAsync("/api/eligibility", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var details = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.True(details!.Errors.ContainsKey(field), $"expected an error on '{field}', got: {string.Join("; ", details.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}");
        Assert.Contains(problem, Assert.Single(details.Errors[field]));
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00+14:00")]
    [InlineData("9999-12-31T23:59:59-14:00")]
    public async Task An_instant_at_the_edge_of_the_calendar_is_a_400_problem(string now)
    {
        using var content = new StringContent($$$"""{"policyId":"masecurite","now":"{{{now}}}","facts":{}}""", Encoding.UTF8, "application/json");
        var response = await _bot.CreateClient().PostAsync("/api/eligibility", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_largest_amount_a_policy_allows_is_decided_without_failing()
    {
        var response = await PostAsync(new
        {
            policyId = "masecurite",
            now = "2026-03-31T12:00:00+02:00",
            facts = new { purchase_date = "2026-03-21", request_type = "refund", plan = "annual", amount_paid = 1_000_000, installation_fee = 1_000_000, days_used = 1_000_000_000, hardware_received = false },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem()
    {
        using var content = new StringContent("{\"policyId\":", Encoding.UTF8, "application/json");
        var response = await _bot.CreateClient().PostAsync("/api/eligibility", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_policies_served_are_listed()
    {
        var policies = await _bot.CreateClient().GetFromJsonAsync<JsonElement>("/api/policies");

        Assert.Equal(5, policies.GetArrayLength());
    }

    private Task<HttpResponseMessage> PostAsync(object body) => _bot.CreateClient().PostAsJsonAsync("/api/eligibility", body);
}
