using System;
using System.Linq;
using Xunit;

namespace CompletionsToMessages.Shim.Tests
{
    public class LegacyPromptTests
    {
        [Fact]
        public void Single_turn_becomes_one_user_message_without_system()
        {
            ConvertedPrompt converted = LegacyPrompt.ToMessages("\n\nHuman: Hello there\n\nAssistant:");
            Assert.Null(converted.System);
            Assert.Null(converted.Prefill);
            PromptMessage message = Assert.Single(converted.Messages);
            Assert.Equal("user", message.Role);
            Assert.Equal("Hello there", message.Content);
        }

        [Fact]
        public void Text_before_the_first_human_turn_is_the_trimmed_system_text()
        {
            ConvertedPrompt converted = LegacyPrompt.ToMessages("  You are a pirate.  \n\nHuman: Hi\n\nAssistant:");
            Assert.Equal("You are a pirate.", converted.System);
            Assert.Equal(new[] { "user" }, converted.Messages.Select(m => m.Role));
        }

        [Fact]
        public void Multi_turn_prompt_keeps_alternating_roles_in_order()
        {
            ConvertedPrompt converted = LegacyPrompt.ToMessages("\n\nHuman: One\n\nAssistant: Two\n\nHuman: Three\n\nAssistant:");
            Assert.Equal(new[] { "user", "assistant", "user" }, converted.Messages.Select(m => m.Role));
            Assert.Equal(new[] { "One", "Two", "Three" }, converted.Messages.Select(m => m.Content));
        }

        [Fact]
        public void Final_assistant_text_is_a_prefill_with_trailing_whitespace_trimmed()
        {
            ConvertedPrompt converted = LegacyPrompt.ToMessages("\n\nHuman: Give JSON\n\nAssistant: {\"a\": \n");
            Assert.Equal("{\"a\":", converted.Prefill);
            Assert.Equal("assistant", converted.Messages.Last().Role);
            Assert.Equal(2, converted.Messages.Count);
        }

        [Fact]
        public void Consecutive_human_turns_are_merged()
        {
            ConvertedPrompt converted = LegacyPrompt.ToMessages("\n\nHuman: First\n\nHuman: Second\n\nAssistant:");
            PromptMessage message = Assert.Single(converted.Messages);
            Assert.Contains("First", message.Content);
            Assert.Contains("Second", message.Content);
            Assert.True(message.Content.IndexOf("First", StringComparison.Ordinal) < message.Content.IndexOf("Second", StringComparison.Ordinal));
        }

        [Fact]
        public void Missing_leading_newlines_before_the_first_human_turn_are_accepted()
        {
            ConvertedPrompt converted = LegacyPrompt.ToMessages("Human: Hi\n\nAssistant:");
            Assert.Equal("Hi", Assert.Single(converted.Messages).Content);
        }

        [Theory]
        [InlineData("Hello, no markers at all", "start")]
        [InlineData("\n\nAssistant: I speak first\n\nHuman: hi\n\nAssistant:", "start")]
        [InlineData("\n\nHuman: no assistant turn at the end", "end")]
        [InlineData("\n\nHuman: hi\n\nAssistant: ok\n\nHuman: again", "end")]
        [InlineData("\n\nHuman: hi\nAssistant:", "single")]
        public void Prompts_the_legacy_API_rejected_throw_ArgumentException_saying_why(string prompt, string why)
        {
            ArgumentException e = Assert.Throws<ArgumentException>(() => LegacyPrompt.ToMessages(prompt));
            Assert.Equal("prompt", e.ParamName);
            string expected = why switch
            {
                "start" => "must start with",
                "end" => "must end with",
                _ => "single",
            };
            Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Null_prompt_throws_ArgumentNullException()
        {
            Assert.Throws<ArgumentNullException>(() => LegacyPrompt.ToMessages(null!));
        }
    }
}
