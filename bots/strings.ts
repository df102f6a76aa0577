/** Everything the bot says, per locale. */
export const botStrings = {
  en: {
    greeting:
      "Hi! I'm the Switchboard assistant. I can check an order, answer questions about refunds, delivery, payments and your account, or connect you with a person.",
    welcome: "Hi! How can I help you today?",
    thanks: "You're welcome! Is there anything else I can help with?",
    goodbye: "Thanks for getting in touch. Have a great day!",
    askOrderNumber: "I can check that for you. What's your order number? It looks like ORD-10001 and is in your confirmation email.",
    askOrderEmail: (number: string) =>
      `I can check order ${number} for you. To keep order details private, please tell me the email address the order was placed with.`,
    askOrderEmailAgain: (number: string) => `To show order ${number}, I need the email address the order was placed with (like name@example.com).`,
    orderEmailMismatch: (number: string) =>
      `I couldn't find an order numbered ${number} with that email address. Please check the order number and the email in your confirmation email.`,
    orderChecksStopped:
      "I can't check more email addresses in this chat. Please sign in to your account on our site to see your orders, or ask to talk to a person.",
    notUnderstood: "Sorry, I didn't quite get that. Could you put it another way? You can also ask to talk to a person.",
    turnError: "Sorry, something went wrong on my side. Please try again in a moment.",
  },
} as const;

/** Bot texts in the default locale. */
export const say = botStrings.en;
