using RefundBot.Dialogs.Runtime;

namespace RefundBot.Dialogs.Handoff;

/// <summary>The hand-off's part of the state read as if it were the state's own (<c>turn.State.Handoff</c>).</summary>
public static class HandoffStateAccess
{
    extension(ConversationState state)
    {
        /// <inheritdoc cref="HandoffState.Handoff"/>
        public HandoffStatus? Handoff
        {
            get => state.Get(HandoffState.Slot).Handoff;
            set => state.Get(HandoffState.Slot).Handoff = value;
        }

        /// <inheritdoc cref="HandoffState.UnansweredQuestion"/>
        public string? UnansweredQuestion
        {
            get => state.Get(HandoffState.Slot).UnansweredQuestion;
            set => state.Get(HandoffState.Slot).UnansweredQuestion = value;
        }
    }
}
